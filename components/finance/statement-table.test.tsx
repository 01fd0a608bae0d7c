// @vitest-environment jsdom
import { cleanup, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import type { StatementView } from "@/lib/finance/contract";
import { renderWithIntl } from "@/tests/support/intl";
import { StatementTable, type StatementLinks } from "./statement-table";

afterEach(cleanup);

const station: StatementView = {
  party: { kind: "station", id: "stn_huimin", nameZh: "惠民街道大柳村网联驿站", nameEn: "Huimin Station" },
  period: {
    kind: "week",
    firstDay: "2026-11-30",
    lastDay: "2026-12-06",
    previousDay: "2026-11-23",
    nextDay: "2026-12-07",
  },
  openingFen: 0,
  closingFen: -12160,
  entries: [
    {
      id: 1,
      at: new Date("2026-12-02T02:00:00Z"),
      kind: "cash",
      cash: true,
      orderNumber: "E261201AAAAAA",
      item: null,
      amountFen: -12800,
      balanceFen: -12800,
    },
    {
      id: 2,
      at: new Date("2026-12-02T02:00:00Z"),
      kind: "earned",
      cash: false,
      orderNumber: "E261201AAAAAA",
      item: { zh: "湖墩大米 10kg 装", en: "Hudun rice 10 kg" },
      amountFen: 640,
      balanceFen: -12160,
    },
  ],
  nextAfter: "2",
  entryCount: 130,
  closed: true,
};
const links: StatementLinks = {
  href: (q) => `/station/earnings?period=${q.period}&day=${q.day ?? ""}${q.after ? `&after=${q.after}` : ""}`,
  csv: (q) => `/api/finance/statement?kind=station&id=stn_huimin&period=${q.period}&day=${q.day}`,
};

describe("StatementTable", () => {
  it("shows the period, opening and closing, each entry signed with its running balance, and the links", () => {
    renderWithIntl(<StatementTable statement={station} links={links} />);
    expect(screen.getByTestId("statement-period").textContent).toBe("11月30日(周一) – 12月6日(周日)");
    expect(screen.getByTestId("statement-opening").textContent).toBe("¥0");
    expect(screen.getByTestId("statement-closing").textContent).toBe("-¥121.60");
    const rows = screen.getAllByTestId("statement-entry").map((r) =>
      within(r)
        .getAllByRole("cell")
        .map((c) => c.textContent),
    );
    expect(rows).toEqual([
      ["2026/12/2 10:00", "收取现金(现金)", "E261201AAAAAA", "", "-¥128", "-¥128"],
      ["2026/12/2 10:00", "销售分账", "E261201AAAAAA", "湖墩大米 10kg 装", "+¥6.40", "-¥121.60"],
    ]);
    expect(screen.getByText("共 130 条")).toBeTruthy();
    expect(screen.getByText("已结账")).toBeTruthy();
    expect(screen.getByTestId("statement-csv").getAttribute("href")).toBe(
      "/api/finance/statement?kind=station&id=stn_huimin&period=week&day=2026-11-30",
    );
    expect(screen.getByTestId("statement-previous").getAttribute("href")).toBe(
      "/station/earnings?period=week&day=2026-11-23",
    );
    expect(screen.getByTestId("statement-next").getAttribute("href")).toBe(
      "/station/earnings?period=week&day=2026-12-07",
    );
    expect(screen.getByText("下一页").getAttribute("href")).toBe(
      "/station/earnings?period=week&day=2026-11-30&after=2",
    );
  });

  it("in English; the running week has no next period and says so; an empty one says there is nothing", () => {
    renderWithIntl(
      <StatementTable
        statement={{
          ...station,
          entries: [],
          entryCount: 0,
          nextAfter: null,
          closed: false,
          period: { ...station.period, nextDay: null },
        }}
        links={links}
      />,
      { locale: "en" },
    );
    expect(screen.getByText("Running")).toBeTruthy();
    expect(screen.queryByTestId("statement-next")).toBeNull();
    expect(screen.getByText("Nothing in this period.")).toBeTruthy();
    expect(screen.getByTestId("statement-closing").textContent).toBe("-¥121.60");
  });
});
