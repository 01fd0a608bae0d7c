import { expect, test, type Page } from "@playwright/test";
import { personContext, serverClock } from "./support";

// Whatever happens, the server clock goes back to real time for the next test.
test.afterEach(async ({ page }) => {
  await serverClock(page, { reset: true });
});

// A Wednesday of its own per browser project, later than every other journey's day (they share one server), so that
// the week's statements hold this journey's entries alone. Shanghai 10:00 is 02:00Z.
const dayFor = (project: string) => (project.includes("mobile") ? "2027-08-04" : "2027-07-07");
const nextDay = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The rows of a statement on the page: [kind label, order number, amount]. */
async function entries(page: Page, scope = page.getByTestId("statement")) {
  const rows = scope.getByTestId("statement-entry");
  const out: [string, string, string][] = [];
  for (let i = 0; i < (await rows.count()); i++) {
    const cells = rows.nth(i).locator("td");
    out.push([
      (await cells.nth(1).innerText()).replace(/\s+/g, ""),
      (await cells.nth(2).innerText()).trim(),
      (await cells.nth(4).innerText()).trim(),
    ]);
  }
  return out;
}

const yuan = (text: string) => Math.round(Number(text.replace(/[^\d.-]/g, "")) * 100);

test("[FINANCE] a live drop of 湖墩大米 ¥128 handed over at the station: streamer, 团长, cooperative and platform each see their share; a refund shows the reversal; payouts go out", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(240_000);
  const D = dayFor(test.info().project.name);
  const PICKUP = nextDay(D);
  const week = `period=week&day=${D}`;
  const clock = await browser.newPage({ baseURL });
  await serverClock(clock, { at: `${D}T02:00:00Z` });

  // 1. The streamer goes live with 湖墩大米 and opens a drop at ¥128 (carried for 大柳村 at 10 %).
  const streamer = await personContext(browser, "streamer@example.com", baseURL!);
  streamer.page.on("dialog", (d) => d.accept());
  await streamer.page.goto("/streamer");
  const form = streamer.page.getByTestId("new-session-form");
  await form.locator('[name="title"]').fill(`湖墩新米结算直播 ${D}`);
  await form.locator('[name="scheduledAt"]').fill(`${D}T11:00`);
  await form.getByLabel("大柳村丰产粮油合作社").check();
  await form.getByTestId("save-session").click();
  await expect(streamer.page).toHaveURL(/\/streamer\/sessions\/[^/]+$/);
  const sessionId = new URL(streamer.page.url()).pathname.split("/").pop()!;
  const bag = streamer.page.getByTestId("bag-editor");
  await bag.getByTestId("bag-湖墩大米").check();
  await bag.getByTestId("save-bag").click();
  await expect(bag.getByText("已保存")).toBeVisible();
  await streamer.page.goto(`/streamer/sessions/${sessionId}/control`);
  const room = streamer.page.getByTestId("control-room");
  await room.getByTestId("go-live").click();
  await expect(room).toHaveAttribute("data-status", "live");
  const drop = room.getByTestId("open-drop-form");
  const tenKg = await drop.locator("select option", { hasText: "10kg" }).first().getAttribute("value");
  await drop.locator('select[name="variantId"]').selectOption(tenKg!);
  await drop.locator('[name="price"]').fill("128");
  await drop.locator('[name="quantityCap"]').fill("5");
  await drop.locator('[name="perBuyerLimit"]').fill("1");
  await drop.locator('[name="durationSeconds"]').fill("600");
  await drop.getByTestId("open-drop").click();
  await expect(room.getByTestId("control-units-left")).toContainText("5");

  // 2. The buyer grabs one in the live room, to be picked up at 惠民街道大柳村网联驿站.
  const buyer = await personContext(browser, "buyer@example.com", baseURL!);
  await buyer.page.goto(`/live/${sessionId}`);
  const card = buyer.page.getByTestId("drop-card");
  await expect(card).toContainText("¥128");
  await card.getByTestId("drop-buy").click();
  await card
    .getByTestId("drop-confirm")
    .locator('select[name="stationId"]')
    .selectOption({ label: "惠民街道大柳村网联驿站" });
  await card.getByTestId("drop-confirm-buy").click();
  await expect(card.getByTestId("drop-bought")).toBeVisible();
  const number = (await card.getByTestId("drop-bought").getByRole("link").textContent())!.trim();
  await buyer.page.goto(`/orders/${number}`);
  const code = (await buyer.page.getByTestId("pickup-code").textContent())!.trim();

  // 3. Cutoff, the cooperative sends the batch, and the next morning the station receives it and hands it over.
  await serverClock(clock, { at: `${D}T14:30:00Z`, sweep: true });
  const coop = await personContext(browser, "coop@example.com", baseURL!);
  coop.page.on("dialog", (d) => d.accept());
  await coop.page.goto(`/coop/pick-lists/${PICKUP}`);
  const batch = coop.page.getByTestId("pick-station").filter({ hasText: "惠民街道大柳村网联驿站" });
  await expect(batch).toContainText(number);
  await batch.getByTestId("dispatch-batch").click();
  await expect(batch.getByTestId("batch-status")).toHaveText("已发货");
  await serverClock(clock, { at: `${PICKUP}T02:00:00Z` });
  const manager = await personContext(browser, "station@example.com", baseURL!);
  manager.page.on("dialog", (d) => d.accept());
  await manager.page.goto("/station");
  await manager.page
    .getByTestId("station-batch")
    .filter({ hasText: PICKUP })
    .filter({ hasText: "大柳村" })
    .getByTestId("receive-batch")
    .click();
  await manager.page.getByLabel("输入或扫描取货码").fill(code);
  await manager.page.getByTestId("redeem").click();
  await expect(manager.page.getByTestId("handover-done")).toContainText("请收款 ¥128");

  // 4. Each one's share, on their own page, in this week's statement: 10 % / 5 % / 3 % and the rest.
  await streamer.page.goto(`/streamer/earnings?${week}`);
  expect(await entries(streamer.page)).toEqual([["销售分账", number, "+¥12.80"]]);
  await manager.page.goto(`/station/earnings?station=stn_huimin&${week}`);
  expect(await entries(manager.page)).toEqual([
    ["收取现金(现金)", number, "-¥128"],
    ["销售分账", number, "+¥6.40"],
  ]);
  await coop.page.goto(`/coop/finance?${week}`);
  expect(await entries(coop.page)).toEqual([["销售分账", number, "+¥104.96"]]);
  const admin = await personContext(browser, "admin@example.com", baseURL!);
  admin.page.on("dialog", (d) => d.accept());
  await admin.page.goto(`/admin/finance?${week}`);
  const platform = admin.page.getByTestId("platform-statement");
  expect(await entries(admin.page, platform)).toEqual([["销售分账", number, "+¥3.84"]]);
  await expect(admin.page.getByTestId("trial-balance")).toContainText("¥0");

  // 5. The rice was mouldy: the cooperative refunds the whole line; the station hands the ¥128 back in cash.
  await coop.page.goto("/coop/orders");
  const order = coop.page.getByTestId("coop-order").filter({ hasText: number });
  await order.getByTestId(`refund-${number}`).locator("summary").click();
  await expect(order).toContainText("买家在驿站取回现金");
  const refund = order.locator('[data-testid^="refund-line-"]').first();
  await refund.getByLabel("退款金额(元)").fill("128");
  await refund.getByLabel("原因").fill("发霉");
  await refund.getByRole("button", { name: "退款" }).click();
  await expect(order).toContainText("已退 ¥128");
  await manager.page.goto("/station");
  const due = manager.page.getByTestId("cash-refund").filter({ hasText: number });
  await expect(due).toContainText("张小禾");
  await due.getByRole("button", { name: "已退给买家 ¥128" }).click();
  await expect(manager.page.getByTestId("cash-refund").filter({ hasText: number })).toHaveCount(0);

  await streamer.page.goto(`/streamer/earnings?${week}`);
  expect(await entries(streamer.page)).toEqual([
    ["销售分账", number, "+¥12.80"],
    ["退款冲回", number, "-¥12.80"],
  ]);
  await manager.page.goto(`/station/earnings?station=stn_huimin&${week}`);
  expect(await entries(manager.page)).toEqual([
    ["收取现金(现金)", number, "-¥128"],
    ["销售分账", number, "+¥6.40"],
    ["退款冲回", number, "-¥6.40"],
    ["退款已付出(现金)", number, "+¥128"],
  ]);
  await coop.page.goto(`/coop/finance?${week}`);
  expect(await entries(coop.page)).toEqual([
    ["销售分账", number, "+¥104.96"],
    ["退款冲回", number, "-¥104.96"],
  ]);
  const opening = yuan(await coop.page.getByTestId("statement-opening").innerText());
  expect(yuan(await coop.page.getByTestId("statement-closing").innerText())).toBe(opening);
  const csv = await (await coop.page.request.get(`/api/finance/statement?kind=coop&id=coop_daliu&${week}`)).text();
  expect(csv).toContain(`,earned,,${number},湖墩大米 10kg 装,104.96,`);
  expect(csv).toContain(`,refund,,${number},湖墩大米 10kg 装,-104.96,`);
  expect(csv).toMatch(new RegExp(`closing_balance,,,,,${opening / 100},,${opening}\r\n$`));
  await admin.page.goto(`/admin/finance?${week}`);
  expect(await entries(admin.page, platform)).toEqual([
    ["销售分账", number, "+¥3.84"],
    ["退款冲回", number, "-¥3.84"],
  ]);
  await buyer.page.goto(`/orders/${number}`);
  await expect(buyer.page.getByTestId("order-refund")).toContainText("¥128 · 已退款");

  // 6. The cooperative has Stripe pay it (the local stand-in's onboarding), and the admin runs the payouts: the
  //    cooperative is paid what it was owed when this week began — the last closed week's closing balance.
  await coop.page.goto("/coop/finance");
  const start = coop.page.getByTestId("payout-account-start");
  if (await start.isVisible()) {
    await start.click();
    await coop.page.getByTestId("fake-onboard-submit").click();
    await expect(coop.page).toHaveURL(/\/coop\/finance/);
  }
  await expect(coop.page.getByTestId("payout-account")).toContainText("已开通 Stripe 收款");
  await admin.page.goto("/admin/finance");
  await admin.page.getByTestId("run-payouts").click();
  await expect(admin.page.getByTestId("payout-run").first()).toBeVisible();
  await coop.page.goto(`/coop/finance?${week}`);
  const payouts = coop.page.getByTestId("payout");
  if (opening > 0) {
    await expect(payouts.first()).toContainText("Stripe · 已打款");
    expect(yuan(await payouts.first().locator(".font-medium").innerText())).toBe(opening);
  }
  // Paid out, the cooperative is owed only what this week added: nothing, after the refund.
  await coop.page.goto("/coop/finance");
  if (opening >= 0) await expect(coop.page.getByTestId("finance-balance")).toHaveText("¥0");
  for (const c of [streamer, buyer, coop, manager, admin]) await c.context.close();
});
