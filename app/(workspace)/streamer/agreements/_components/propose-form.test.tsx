// @vitest-environment jsdom
import { cleanup, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { FormAction } from "@/components/ui/action-form";
import { proposeAgreementInput } from "@/lib/agreements/contract";
import { renderWithIntl } from "@/tests/support/intl";
import { ProposeForm } from "./propose-form";

afterEach(cleanup);

/** The form's fields as the action's transport reads them: repeated names become arrays. */
function formToObject(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of form.entries()) out[k] = k in out ? ([] as unknown[]).concat(out[k], v) : v;
  return out;
}

const coops = [
  {
    id: "coop_daliu",
    nameZh: "大柳村丰产粮油合作社",
    nameEn: "Daliu Grain & Oil Cooperative",
    products: [
      { id: "prd_rice", nameZh: "湖墩大米", nameEn: "Hudun rice" },
      { id: "prd_oil", nameZh: "菜籽油", nameEn: "Rapeseed oil" },
    ],
  },
  {
    id: "coop_yaozhuang",
    nameZh: "姚庄黄桃合作社",
    nameEn: "Yaozhuang Peach Cooperative",
    products: [{ id: "prd_peach", nameZh: "黄桃", nameEn: "Yellow peach" }],
  },
];

describe("ProposeForm", () => {
  it("sends the chosen cooperative, its chosen products, the rate and the days — what the contract parses", async () => {
    const user = userEvent.setup();
    const sent: FormData[] = [];
    const propose = vi.fn<FormAction>(async (_prev, form) => {
      sent.push(form);
      return { ok: true, data: null };
    });
    renderWithIntl(<ProposeForm action={propose} coops={coops} today="2026-12-10" defaultEnd="2027-03-10" />);
    // All products by default: no product list.
    expect(screen.queryByTestId("agreement-product-湖墩大米")).toBeNull();
    await user.selectOptions(screen.getByTestId("agreement-coop"), "coop_yaozhuang");
    await user.click(screen.getByTestId("agreement-scope-some"));
    expect(screen.queryByTestId("agreement-product-湖墩大米")).toBeNull();
    await user.click(screen.getByTestId("agreement-product-黄桃"));
    const rate = screen.getByTestId("agreement-rate");
    await user.clear(rate);
    await user.type(rate, "12.5");
    await user.click(screen.getByTestId("propose-agreement"));
    await waitFor(() => expect(propose).toHaveBeenCalledTimes(1));
    const parsed = proposeAgreementInput.parse(formToObject(sent[0]!));
    expect(parsed).toEqual({
      coopId: "coop_yaozhuang",
      rate: 1250,
      startsOn: "2026-12-10",
      endsOn: "2027-03-10",
      scope: "some",
      productIds: ["prd_peach"],
      note: null,
    });
  });

  it("shows the action's field errors beside the fields", async () => {
    const user = userEvent.setup();
    const propose = vi.fn<FormAction>(async () => ({
      ok: false,
      code: "CONFLICT",
      message: "已经存在,不能重复。",
      fields: { coopId: ["与这个合作社已有一份进行中的带货合作"] },
    }));
    renderWithIntl(<ProposeForm action={propose} coops={coops} today="2026-12-10" defaultEnd="2027-03-10" />);
    await user.click(screen.getByTestId("propose-agreement"));
    expect((await screen.findAllByText(/已有一份进行中的带货合作/)).length).toBeGreaterThan(0);
  });
});
