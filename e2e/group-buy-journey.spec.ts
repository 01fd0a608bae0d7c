import { expect, test } from "@playwright/test";
import { personContext, roleContext, serverClock } from "./support";

// Whatever happens in a test, the server clock goes back to real time for the next one.
test.afterEach(async ({ page }) => {
  await serverClock(page, { reset: true });
});

// Shanghai times on a fixed server clock: 10:00 on day D, the campaign closes 20:00, the cutoff is 22:00, pickup
// on D+1. Each browser project gets its own D, since they share one server and its batches.
const dayFor = (project: string) => (project.includes("mobile") ? "2027-04-01" : "2027-03-01");
const nextDay = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

test("[GROUP BUY] order to a station → cutoff → pick list and dispatch → station receives and hands over → completed", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(150_000);
  const D = dayFor(test.info().project.name);
  const PICKUP = nextDay(D);
  const MORNING = `${D}T02:00:00Z`;
  const AFTER_CUTOFF = `${D}T14:30:00Z`;
  // Move the clock first: sessions are judged by the server clock, so everyone signs in at the new time.
  const clockPage = await browser.newPage({ baseURL });
  await serverClock(clockPage, { at: MORNING });
  const coop = await personContext(browser, "coop@example.com", baseURL!);
  {
    const title = `湖墩新米团 ${Date.now().toString(36)}`;
    await coop.page.goto("/coop/campaigns");
    const form = coop.page.getByTestId("campaign-form");
    await form.getByLabel("团购商品规格").selectOption({
      label: (await form
        .getByLabel("团购商品规格")
        .locator("option", { hasText: "湖墩大米 · 5kg 装" })
        .first()
        .textContent())!,
    });
    await form.getByLabel("团购标题(中文)").fill(title);
    await form.getByLabel("团购标题(英文)").fill("Hudun rice group buy");
    await form.getByLabel("团购价(元)").fill("59.90");
    await form.getByLabel("团购总量").fill("30");
    await form.getByLabel("取货日").fill(PICKUP);
    await form.getByLabel("开始时间").fill(`${D}T09:00`);
    await form.getByLabel("截止时间").fill(`${D}T20:00`);
    await form.getByTestId("create-campaign").click();
    await expect(form.getByText("团购已发起")).toBeVisible();

    const buyer = await personContext(browser, "buyer@example.com", baseURL!);
    await buyer.page.goto("/group-buys");
    await buyer.page.getByTestId("campaign-card").filter({ hasText: title }).click();
    const order = buyer.page.getByTestId("campaign-order-form");
    await order.getByLabel("惠民街道大柳村网联驿站").check();
    await order.getByRole("spinbutton").fill("2");
    await buyer.page.getByTestId("join-campaign").click();
    await expect(buyer.page).toHaveURL(/\/orders\/E\d{6}[0-9A-Z]{6}/);
    const number = new URL(buyer.page.url()).pathname.split("/").pop()!;
    const code = (await buyer.page.getByTestId("pickup-code").textContent())!;
    await expect(buyer.page.getByTestId("order-line")).toContainText("¥59.90 × 2");

    await serverClock(coop.page, { at: AFTER_CUTOFF, sweep: true });

    await coop.page.goto("/coop/pick-lists");
    await coop.page.getByTestId(`pick-day-${PICKUP}`).click();
    const station = coop.page.getByTestId("pick-station").filter({ hasText: "惠民街道大柳村网联驿站" });
    await expect(station).toContainText(number);
    await expect(station).toContainText("张小禾");
    await expect(station.getByTestId("batch-status")).toHaveText("已截单,待发货");
    const csv = await coop.page.request.get(`/coop/pick-lists/${PICKUP}/export?coop=coop_daliu`);
    expect(await csv.text()).toContain(number);
    await station.getByTestId("dispatch-batch").click();
    await expect(station.getByTestId("batch-status")).toHaveText("已发货");

    const manager = await personContext(browser, "station@example.com", baseURL!);
    await manager.page.goto("/station");
    const batch = manager.page.getByTestId("station-batch").filter({ hasText: PICKUP }).filter({ hasText: "大柳村" });
    await batch.getByTestId("receive-batch").click();
    await expect(batch.getByTestId("station-batch-status")).toHaveText("已收货");
    await manager.page.getByLabel("输入或扫描取货码").fill(code);
    await manager.page.getByTestId("redeem").click();
    await expect(manager.page.getByTestId("handover-done")).toContainText(number);
    await expect(manager.page.getByTestId("handover-done")).toContainText("请收款 ¥119.80");

    await buyer.page.goto(`/orders/${number}`);
    await expect(buyer.page.getByTestId("order-status")).toHaveAttribute("data-status", "completed");
    await buyer.page.goto("/notifications");
    await expect(buyer.page.getByTestId("notification").first()).toContainText(number);
  }
});

test("[STATION] a wrong code and another station's code answer alike; a manager cannot act on another station", async ({
  browser,
  baseURL,
}) => {
  const manager = await roleContext(browser, "station", baseURL!);
  await manager.page.goto("/station");
  await manager.page.getByLabel("输入或扫描取货码").fill("000000");
  await manager.page.getByTestId("redeem").click();
  await expect(manager.page.getByTestId("handover-form").getByRole("alert")).toContainText("取货码不正确");
  const res = await manager.page.goto("/station?station=stn_xitang");
  expect(res?.ok()).toBe(true);
  await expect(manager.page.getByRole("heading", { level: 1 })).toHaveText("惠民街道大柳村网联驿站");
});

test("[SHOP] the station directory and a station page", async ({ page }) => {
  await page.goto("/stations");
  await expect(page.getByTestId("station-card")).toHaveCount(5);
  await page.getByTestId("station-card").filter({ hasText: "西塘镇网联驿站" }).click();
  await expect(page.getByTestId("station-page")).toContainText("22:00");
});
