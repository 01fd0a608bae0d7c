import { expect, test } from "@playwright/test";
import { deliveryDayFor, formatPickupDay } from "../lib/stations/schedule";
import { roleContext, signIn, signOut } from "./support";

test("[SHOP] a guest adds 湖墩大米 10kg, signs in, picks a station, orders and gets a pickup code; the cooperative confirms", async ({
  page,
  browser,
  baseURL,
}) => {
  await page.goto("/products/hudun-rice");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("湖墩大米");
  await page.getByTestId("variant-option").filter({ hasText: "10kg" }).click();
  await page.getByTestId("add-to-cart-button").click();
  await expect(page.getByTestId("added-to-cart")).toBeVisible();
  await expect(page.getByTestId("cart-count")).toHaveText("1");

  await page.getByTestId("cart-link").click();
  await expect(page.getByTestId("cart-line")).toContainText("10kg");
  await page.getByTestId("go-checkout").click();
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fcheckout/);
  await page.getByLabel("邮箱或手机号").fill("buyer@example.com");
  await page.getByLabel("密码").fill("demo-password");
  await page.getByTestId("login-form").getByRole("button").click();

  await expect(page).toHaveURL(/\/checkout$/);
  await expect(page.getByTestId("checkout-lines")).toContainText("湖墩大米");
  await expect(page.getByTestId("checkout-lines")).toContainText("10kg");
  // 惠民街道大柳村网联驿站 cuts off at 22:00 Shanghai time: ordered before → tomorrow, after → the day after.
  const pickupDay = formatPickupDay(
    deliveryDayFor({ cutoffTime: "22:00", timezone: "Asia/Shanghai" }, new Date()),
    "zh-CN",
  );
  const station = page.getByTestId("station-picker").locator("label").filter({ hasText: "惠民街道大柳村网联驿站" });
  await expect(station.getByTestId("station-pickup-day")).toHaveText(`预计 ${pickupDay} 起可取`);
  await station.click();
  await page.getByTestId("place-order").click();

  await expect(page).toHaveURL(/\/orders\/E\d{6}[0-9A-Z]{6}\?placed=1/);
  const number = new URL(page.url()).pathname.split("/").pop()!;
  await expect(page.getByTestId("pickup-code")).toHaveText(/^\d{6}$/);
  await expect(page.getByTestId("pickup-qr")).toBeVisible();
  // Its own day: normally the one promised, a day later if that day's batch had already gone (other journeys
  // on this server move its clock past cutoffs). The list says the same as the order.
  const orderDay = (await page.getByTestId("order-pickup-day").textContent())!;
  expect(orderDay).toMatch(/^预计 \d{1,2}月\d{1,2}日\(周.\) 起可取$/);
  await page.goto("/orders");
  await expect(page.getByTestId("order-row").filter({ hasText: number }).getByTestId("order-pickup-day")).toHaveText(
    orderDay,
  );
  await page.goto(`/orders/${number}`);
  await expect(page.getByTestId("order-status")).toHaveAttribute("data-status", "placed");
  await expect(page.getByTestId("cart-count")).toHaveCount(0);

  // The cooperative, at its own computer.
  const coop = await roleContext(browser, "coop", baseURL!);
  await coop.page.goto("/coop/orders");
  const card = coop.page.getByTestId("coop-order").filter({ hasText: number });
  await expect(card).toContainText("湖墩大米");
  await card.getByTestId(`confirm-${number}`).click();
  await expect(card.getByTestId("order-status")).toHaveAttribute("data-status", "confirmed");
  // A pickup order leaves with its station batch: no 标记发货 button that could not work, but where and when.
  await expect(card.getByTestId(`dispatch-${number}`)).toHaveCount(0);
  await expect(card.getByTestId(`leaves-with-batch-${number}`)).toContainText(
    `随 ${orderDay.slice(3, -4)} 到站的批次发货`,
  );
  await coop.context.close();
});

test("[SHOP] another buyer's order number answers 404", async ({ browser, baseURL }) => {
  const coop = await roleContext(browser, "coop", baseURL!);
  const res = await coop.page.goto("/orders/E261128ABCDEF");
  expect(res?.status()).toBe(404);
  await coop.context.close();
});

test("[SHOP] a guest's cart joins the stored one once at sign-in: the exact quantities and totals, however often the pages are read", async ({
  page,
}) => {
  const email = `cart-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;
  await page.goto("/signup");
  const form = page.getByTestId("signup-form");
  await form.getByLabel("昵称").fill("购物车测试");
  await form.getByLabel("邮箱").fill(email);
  await form.getByLabel("密码").fill("a good password");
  await form.getByRole("button").click();
  await expect(page.getByTestId("account-menu")).toBeVisible();
  await signOut(page);

  const addAsGuest = async (slug: string, label?: string) => {
    await page.goto(`/products/${slug}`);
    if (label) await page.getByTestId("variant-option").filter({ hasText: label }).click();
    await page.getByTestId("add-to-cart-button").click();
    await expect(page.getByTestId("added-to-cart")).toBeVisible();
  };
  const cartShows = async (lines: [string, number][], subtotal: string) => {
    for (let i = 0; i < 3; i++) {
      await page.goto("/cart");
      await expect(page.getByTestId("cart-line")).toHaveCount(lines.length);
      for (const [text, qty] of lines)
        await expect(
          page.getByTestId("cart-line").filter({ hasText: text }).getByTestId("cart-line-quantity"),
        ).toHaveText(String(qty));
      await expect(page.getByTestId("cart-subtotal")).toHaveText(subtotal);
      await expect(page.getByTestId("cart-count")).toHaveText(String(lines.reduce((a, [, q]) => a + q, 0)));
    }
  };

  await addAsGuest("hudun-rice", "10kg");
  await signIn(page, email, "a good password", "/cart");
  await cartShows([["10kg", 1]], "¥128");

  await signOut(page);
  await addAsGuest("hudun-rice-gift");
  await signIn(page, email, "a good password", "/cart");
  await cartShows(
    [
      ["10kg", 1],
      ["礼盒", 1],
    ],
    "¥286",
  );
});
