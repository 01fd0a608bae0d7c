// @vitest-environment jsdom
import { cleanup, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { FormAction } from "@/components/ui/action-form";
import type { AgreementDetailDto } from "@/lib/agreements/contract";
import { renderWithIntl } from "@/tests/support/intl";
import { AgreementDetail } from "./agreement-detail";

afterEach(cleanup);

const at = (iso: string) => new Date(iso);
const base: AgreementDetailDto = {
  id: "agr_1",
  streamerId: "usr_s",
  streamerName: "小柳",
  coopId: "coop_daliu",
  coopNameZh: "大柳村丰产粮油合作社",
  coopNameEn: "Daliu Cooperative",
  status: "countered",
  awaiting: "coop",
  allProducts: false,
  products: [{ id: "prd_rice", nameZh: "湖墩大米", nameEn: "Hudun rice" }],
  rateBps: 1250,
  startsAt: at("2026-12-09T16:00:00Z"),
  endsAt: at("2026-12-31T16:00:00Z"),
  startsOn: "2026-12-10",
  endsOn: "2026-12-31",
  endedAt: null,
  inForce: false,
  phase: null,
  createdAt: at("2026-12-10T02:00:00Z"),
  updatedAt: at("2026-12-10T03:00:00Z"),
  viewerSide: "coop",
  can: { accept: true, reject: true, counter: true, withdraw: false, end: false },
  coopProducts: [
    { id: "prd_rice", nameZh: "湖墩大米", nameEn: "Hudun rice" },
    { id: "prd_oil", nameZh: "菜籽油", nameEn: "Rapeseed oil" },
  ],
  history: [
    {
      id: 1,
      side: "streamer",
      action: "propose",
      actorName: "小柳",
      rateBps: 1000,
      startsAt: at("2026-12-09T16:00:00Z"),
      endsAt: at("2026-12-31T16:00:00Z"),
      startsOn: "2026-12-10",
      endsOn: "2026-12-31",
      productIds: null,
      note: "想带湖墩大米",
      createdAt: at("2026-12-10T02:00:00Z"),
    },
    {
      id: 2,
      side: "streamer",
      action: "counter",
      actorName: "小柳",
      rateBps: 1250,
      startsAt: at("2026-12-09T16:00:00Z"),
      endsAt: at("2026-12-31T16:00:00Z"),
      startsOn: "2026-12-10",
      endsOn: "2026-12-31",
      productIds: ["prd_rice"],
      note: null,
      createdAt: at("2026-12-10T03:00:00Z"),
    },
  ],
};
const action = vi.fn<FormAction>(async () => ({ ok: true, data: null }));

describe("AgreementDetail", () => {
  it("the awaited side sees its turn, the terms with the exact rate, accept/reject/counter and the whole history", () => {
    renderWithIntl(
      <AgreementDetail agreement={base} actions={{ accept: action, reject: action, counter: action, end: action }} />,
    );
    expect(screen.getByTestId("agreement-status").dataset.status).toBe("countered");
    expect(screen.getByTestId("agreement-terms").textContent).toBe("佣金 12.5% · 12月10日(周四) 至 12月31日(周四)");
    expect(screen.getByTestId("agreement-turn").textContent).toBe("轮到你回复");
    expect(screen.getByTestId("agreement-accept")).toBeTruthy();
    expect(screen.getByTestId("agreement-reject")).toBeTruthy();
    expect(screen.queryByTestId("agreement-end")).toBeNull();
    expect(screen.getByTestId<HTMLInputElement>("agreement-rate").value).toBe("12.5");
    const events = within(screen.getByTestId("agreement-history")).getAllByTestId("agreement-event");
    expect(events.map((e) => e.dataset.action)).toEqual(["propose", "counter"]);
    expect(events[0]!.textContent).toContain("主播小柳发起申请");
    expect(events[0]!.textContent).toContain("佣金 10% · 12月10日(周四) 至 12月31日(周四) · 全部商品");
    expect(events[0]!.textContent).toContain("“想带湖墩大米”");
    expect(events[1]!.textContent).toContain("湖墩大米");
  });

  it("in English, an active agreement in force offers only ending it", () => {
    renderWithIntl(
      <AgreementDetail
        agreement={{
          ...base,
          status: "active",
          awaiting: null,
          inForce: true,
          phase: "inForce",
          viewerSide: "streamer",
          can: { accept: false, reject: false, counter: false, withdraw: false, end: true },
        }}
        actions={{ accept: action, withdraw: action, end: action }}
      />,
      { locale: "en" },
    );
    expect(screen.getByTestId("agreement-status").textContent).toBe("Active · In force");
    expect(screen.getByTestId("agreement-terms").textContent).toBe("Commission 12.5% · Thu 10 Dec to Thu 31 Dec");
    expect(screen.getByTestId("agreement-end")).toBeTruthy();
    expect(screen.queryByTestId("agreement-accept")).toBeNull();
    expect(screen.queryByTestId("agreement-counter-form")).toBeNull();
    expect(screen.queryByTestId("agreement-turn")).toBeNull();
  });
});
