import { expect, test, type Page } from "@playwright/test";
import { personContext, serverClock } from "./support";

// Whatever happens in a test, the server clock goes back to real time for the next one.
test.afterEach(async ({ page }) => {
  await serverClock(page, { reset: true });
});

// Shanghai times on a fixed server clock: 10:00 on day D; the station's cutoff is 22:00, so a team completed
// that morning goes out with the next day's batch. Each browser project gets its own D and its own team
// price (they share one server, its batches and the product page).
const dayFor = (project: string) => (project.includes("mobile") ? "2027-06-03" : "2027-05-03");
const priceFor = (project: string) => (project.includes("mobile") ? "54.50" : "55.50");
const nextDay = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
const STATION = "惠民街道大柳村网联驿站";
/** Nothing wider than the screen (the mobile-375 project runs this journey too). */
const overflow = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

async function openTeamOnProduct(page: Page, price: string, payMethod: "pay_at_pickup" | "wallet") {
  await page.goto("/products/hudun-rice");
  const deal = page
    .getByTestId("team-deal")
    .filter({ has: page.getByTestId("team-deal-price").getByText(`¥${price}`, { exact: true }) });
  await expect(deal).toContainText("2 人团");
  expect(await overflow(page)).toBeLessThanOrEqual(0);
  await deal.getByTestId("open-team-toggle").click();
  const form = deal.getByTestId("open-team-form");
  await form.getByLabel(STATION).check();
  await form.getByTestId(`team-pay-${payMethod}`).check();
  await form.getByTestId("open-team").click();
}

test("[TEAM BUY] open a team of 2 → a neighbour joins from the link → both see it complete live → orders confirmed in the station's batch; a team left alone fails and its member is refunded", async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const project = test.info().project.name;
  const D = dayFor(project);
  const PRICE = priceFor(project);
  const clockPage = await browser.newPage({ baseURL });
  await serverClock(clockPage, { at: `${D}T02:00:00Z` });

  // The cooperative offers a team of 2 on 湖墩大米 5 kg, below its ¥69.80 price.
  const coop = await personContext(browser, "coop@example.com", baseURL!);
  await coop.page.goto("/coop/team-deals");
  const form = coop.page.getByTestId("team-deal-form");
  const variant = form.getByLabel("拼团商品规格");
  await variant.selectOption({
    label: (await variant.locator("option", { hasText: "湖墩大米 · 5kg 装" }).first().textContent())!,
  });
  await form.getByLabel("拼团价(元)").fill("70");
  await form.getByLabel("成团人数").fill("2");
  await form.getByLabel("拼团总量").fill("20");
  await form.getByLabel("开始时间").fill(`${D}T09:00`);
  await form.getByLabel("结束时间").fill(`${nextDay(D)}T20:00`);
  await form.getByTestId("create-team-deal").click();
  await expect(form.getByText("拼团价要低于单买价")).toBeVisible();
  await form.getByLabel("拼团价(元)").fill(PRICE);
  await form.getByTestId("create-team-deal").click();
  await expect(form.getByText("拼团已发起")).toBeVisible();

  // Buyer A opens a team at station A, paying at pickup, and copies the link.
  const a = await personContext(browser, "buyer@example.com", baseURL!);
  await openTeamOnProduct(a.page, PRICE, "pay_at_pickup");
  await expect(a.page).toHaveURL(/\/teams\/team_[a-z0-9]+$/);
  await expect(a.page.getByTestId("team-missing")).toHaveText("还差 1 人成团");
  await expect(a.page.getByTestId("team-qr")).toBeVisible();
  await a.page.getByTestId("copy-link").click();
  const link = await a.page.getByTestId("share-link").inputValue();
  expect(link).toBe(`${baseURL}${new URL(a.page.url()).pathname}`);

  // Buyer B, a newcomer on another phone, opens the link, sees one seat left and joins. Buyer C opened it
  // too, a moment earlier, and will be too late for the last seat.
  const newcomer = async (name: string) => {
    const context = await browser.newContext({ baseURL, locale: "zh-CN" });
    const page = await context.newPage();
    await page.goto("/signup");
    const signup = page.getByTestId("signup-form");
    await signup.getByLabel("昵称").fill(name);
    await signup.getByLabel("邮箱").fill(`team-${project}-${name.length}-${Date.now()}@example.com`);
    await signup.getByLabel("密码").fill("a good password");
    await signup.getByRole("button").click();
    await expect(page.getByTestId("viewer-name")).toContainText(name);
    return { context, page };
  };
  const { context: bContext, page: b } = await newcomer("李小满");
  const { context: cContext, page: c } = await newcomer("王大春天");
  // C's phone gets no live updates (its polling is cut), so the join form it loaded stays on screen.
  await c.route("**/api/teams/**", (route) => route.abort());
  await c.goto(link);
  await c.getByTestId("join-team-form").getByLabel(STATION).check();
  await b.goto(link);
  await expect(b.getByTestId("team-missing")).toHaveText("还差 1 人成团");
  await expect(b.getByTestId("team-member")).toHaveCount(1);
  await expect(b.getByTestId("team-member").first()).toContainText("张**"); // masked, never the full name
  await expect(b.getByTestId("team-live")).not.toContainText("张小禾");
  expect(await overflow(b)).toBeLessThanOrEqual(0);
  const join = b.getByTestId("join-team-form");
  await join.getByLabel(STATION).check();
  await join.getByTestId("join-team").click();
  await expect(b.getByTestId("team-status")).toHaveAttribute("data-status", "completed");

  // C presses join on the form loaded before: the seat is gone, C is told so and offered a new team.
  await c.getByTestId("join-team").click();
  await expect(c.getByTestId("team-error")).toHaveAttribute("data-code", "TEAM_CLOSED");
  await expect(c.getByTestId("join-team-form").getByTestId("open-new-team")).toHaveAttribute(
    "href",
    "/products/hudun-rice#team-deals",
  );
  await cContext.close();

  // A sees it complete without reloading; both orders are confirmed.
  await expect(a.page.getByTestId("team-status")).toHaveAttribute("data-status", "completed", { timeout: 15_000 });
  await expect(a.page.getByTestId("team-live")).toContainText("成团了");
  const numbers: string[] = [];
  for (const page of [a.page, b]) {
    await page.getByTestId("team-order-link").click();
    await expect(page.getByTestId("order-status")).toHaveAttribute("data-status", "confirmed");
    await expect(page.getByTestId("order-line")).toContainText(`¥${PRICE} × 1`);
    await expect(page.getByTestId("pickup-code")).toHaveText(/^\d{6}$/);
    numbers.push(new URL(page.url()).pathname.split("/").pop()!);
  }
  // …in the station's batch for the next delivery day, on the cooperative's pick list.
  await coop.page.goto("/coop/pick-lists");
  await coop.page.getByTestId(`pick-day-${nextDay(D)}`).click();
  const station = coop.page.getByTestId("pick-station").filter({ hasText: STATION });
  for (const n of numbers) await expect(station).toContainText(n);

  // The cooperative's view counts the completed team.
  await coop.page.goto("/coop/team-deals");
  expect(await overflow(coop.page)).toBeLessThanOrEqual(0);
  const mine = coop.page.getByTestId("coop-team-deal").filter({ hasText: `¥${PRICE}` });
  await expect(mine.getByTestId("coop-team-deal-teams")).toContainText("已成团 1");

  // A second team, paid by Alipay now, is left alone: at its deadline it fails and the money goes back.
  await openTeamOnProduct(a.page, PRICE, "wallet");
  await expect(a.page).toHaveURL(/\/pay\/cs_/);
  await a.page.getByTestId("fake-pay-alipay").click();
  await expect(a.page).toHaveURL(/\/teams\/team_[a-z0-9]+\?returned=1$/);
  await expect(a.page.getByTestId("team-status")).toHaveAttribute("data-status", "forming");
  await expect(a.page.getByTestId("team-live")).toContainText("你已在团里");
  const lonely = new URL(a.page.url()).pathname;
  await serverClock(clockPage, { advanceMs: 25 * 3_600_000, sweep: true });
  await expect(a.page.getByTestId("team-status")).toHaveAttribute("data-status", "failed", { timeout: 15_000 });
  await expect(a.page.getByTestId("team-live")).toContainText("订单已取消");
  await a.page.goto(lonely);
  await a.page.getByTestId("team-order-link").click();
  await expect(a.page.getByTestId("order-status")).toHaveAttribute("data-status", "cancelled");
  await expect(a.page.getByTestId("order-page")).toContainText("拼团失败");
  await expect(a.page.getByTestId("order-page")).toContainText("已退款");
  const lonelyNumber = new URL(a.page.url()).pathname.split("/").pop()!;
  await a.page.goto("/notifications");
  await expect(a.page.getByTestId("notification").filter({ hasText: lonelyNumber }).first()).toBeVisible();
  await bContext.close();
});
