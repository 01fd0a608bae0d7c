// @vitest-environment jsdom
import { act, cleanup, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { LiveDropDto } from "@/lib/live/contract";
import { renderWithIntl } from "@/tests/support/intl";
import { DropCard, postPurchase, type Purchase } from "./drop-card";

afterEach(cleanup);

const drop = (over: Partial<LiveDropDto> = {}): LiveDropDto => ({
  id: "drop_1",
  productId: "prd_hudun_rice",
  variantId: "var_hudun_10kg",
  nameZh: "湖墩大米",
  nameEn: "Hudun Rice",
  variantLabelZh: "10kg 装",
  variantLabelEn: "10 kg bag",
  priceFen: 3990,
  regularPriceFen: 6980,
  quantityCap: 50,
  unitsLeft: 12,
  perBuyerLimit: 2,
  opensAt: new Date(Date.now() - 60_000).toISOString(),
  closesAt: new Date(Date.now() + 600_000).toISOString(),
  status: "open",
  ...over,
});

const stations = [
  { id: "stn_huimin", name: "惠民街道大柳村网联驿站" },
  { id: "stn_xitang", name: "西塘镇网联驿站" },
];

function card(props: { drop: LiveDropDto; purchase?: Purchase; signedIn?: boolean }) {
  return renderWithIntl(
    <DropCard
      drop={props.drop}
      locale="zh-CN"
      skewMs={0}
      purchase={props.purchase}
      stations={stations}
      signedIn={props.signedIn ?? true}
      loginHref="/login?callbackUrl=%2Flive%2Fs1"
    />,
  );
}

describe("DropCard", () => {
  it("sold out: says 已抢光 instead of the units left, and offers no way to buy", () => {
    card({ drop: drop({ unitsLeft: 0 }) });
    expect(screen.getByTestId("drop-sold-out").textContent).toBe("已抢光");
    expect(screen.queryByTestId("drop-units-left")).toBeNull();
    expect(screen.queryByTestId("drop-buy")).toBeNull();
    expect(screen.queryByRole("link", { name: "登录后抢购" })).toBeNull();
  });

  it("closed: says 已结束 where the countdown was, and offers no way to buy", () => {
    card({ drop: drop({ status: "closed" }) });
    expect(screen.queryByTestId("drop-countdown")).toBeNull();
    expect(screen.getByTestId("drop-card").textContent).toContain("已结束");
    expect(screen.getByTestId("drop-units-left").textContent).toBe("剩 12/50 件");
    expect(screen.queryByTestId("drop-buy")).toBeNull();
  });

  it("open, signed out: counts down and sends the viewer to sign in", () => {
    card({ drop: drop(), signedIn: false });
    expect(screen.getByTestId("drop-countdown").textContent).toMatch(/^00:(10:00|09:5\d)$/);
    expect(screen.getByRole("link", { name: "登录后抢购" }).getAttribute("href")).toBe(
      "/login?callbackUrl=%2Flive%2Fs1",
    );
    expect(screen.queryByTestId("drop-buy")).toBeNull();
  });

  it("buying: 立即抢 → the chosen station, the quantity and an idempotency key are sent → 抢到了 with the order", async () => {
    const user = userEvent.setup();
    const purchase = vi.fn<Purchase>(async () => ({ ok: true, number: "E261201ABC123" }));
    card({ drop: drop(), purchase });

    await user.click(screen.getByTestId("drop-buy"));
    const confirm = screen.getByTestId("drop-confirm");
    const quantity = within(confirm).getByRole("spinbutton");
    expect(quantity.getAttribute("max")).toBe("2"); // the per-buyer limit, below the 12 left
    await user.selectOptions(within(confirm).getByRole("combobox"), "stn_xitang");
    await user.clear(quantity);
    await user.type(quantity, "2");
    await act(() => user.click(screen.getByTestId("drop-confirm-buy")));

    expect(purchase).toHaveBeenCalledTimes(1);
    const [dropId, body] = purchase.mock.calls[0]!;
    expect(dropId).toBe("drop_1");
    expect(body).toMatchObject({ stationId: "stn_xitang", quantity: 2 });
    expect(body.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    const bought = await screen.findByTestId("drop-bought");
    expect(within(bought).getByRole("link", { name: "E261201ABC123" }).getAttribute("href")).toBe(
      "/orders/E261201ABC123",
    );
    expect(screen.queryByTestId("drop-confirm")).toBeNull();
  });

  it("a refused buy shows the reason and keeps the confirm step; a lost answer says so, and the retry reuses the key", async () => {
    const user = userEvent.setup();
    const purchase = vi
      .fn<Purchase>()
      .mockResolvedValueOnce({ ok: false, message: "" })
      .mockResolvedValueOnce({ ok: false, message: "已抢光:湖墩大米 10kg 装 这一波的 50 份都被抢走了。" });
    card({ drop: drop(), purchase });
    await user.click(screen.getByTestId("drop-buy"));
    await act(() => user.click(screen.getByTestId("drop-confirm-buy")));
    expect((await screen.findByRole("alert")).textContent).toBe("没抢到:网络不好或服务忙,请再点一次(不会重复下单)。");
    await act(() => user.click(screen.getByTestId("drop-confirm-buy")));
    expect((await screen.findByRole("alert")).textContent).toBe("已抢光:湖墩大米 10kg 装 这一波的 50 份都被抢走了。");
    expect(purchase.mock.calls[0]![1].idempotencyKey).toBe(purchase.mock.calls[1]![1].idempotencyKey);
    expect(screen.getByTestId("drop-confirm")).toBeTruthy();
    expect(screen.queryByTestId("drop-bought")).toBeNull();
  });

  it("postPurchase posts JSON to the drop's purchase route and reads the number or the reason", async () => {
    const fetchMock = vi
      .fn<typeof fetch>()
      .mockResolvedValueOnce(Response.json({ number: "E261201ABC123", created: true }))
      .mockResolvedValueOnce(
        Response.json({ error: { code: "SOLD_OUT", message: "已抢光:湖墩大米" } }, { status: 409 }),
      )
      .mockRejectedValueOnce(new TypeError("Failed to fetch"));
    vi.stubGlobal("fetch", fetchMock);
    try {
      const body = { quantity: 1, stationId: "stn_huimin", idempotencyKey: "k".repeat(16) };
      expect(await postPurchase("drop_1", body)).toEqual({ ok: true, number: "E261201ABC123" });
      expect(await postPurchase("drop_1", body)).toEqual({ ok: false, message: "已抢光:湖墩大米" });
      expect(await postPurchase("drop_1", body)).toEqual({ ok: false, message: "" });
      const [url, init] = fetchMock.mock.calls[0]!;
      expect(url).toBe("/api/live/drops/drop_1/buy");
      expect(init).toMatchObject({ method: "POST", headers: { "content-type": "application/json" } });
      expect(JSON.parse(String(init!.body))).toEqual(body);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
