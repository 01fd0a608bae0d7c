import { expect, test } from "@playwright/test";
import { plainBaseURL } from "../playwright.config";
import { signedInAs, signIn } from "./support";

test.use(signedInAs("buyer"));

test("[PAY] a buyer pays online: Stripe's page (the local fake) posts the signed events back; the order shows paid and its pickup code", async ({
  page,
}) => {
  await page.goto("/products/daliu-rapeseed-oil");
  await page.getByTestId("variant-option").filter({ hasText: "2.5L" }).click();
  await page.getByTestId("add-to-cart-button").click();
  await expect(page.getByTestId("added-to-cart")).toBeVisible();
  await page.goto("/checkout");
  await page.getByTestId("pay-online").check();
  await page.getByTestId("place-order").click();

  await expect(page).toHaveURL(/\/pay\/cs_test_/);
  await expect(page.getByTestId("fake-amount")).toHaveText("CNY 75.00");
  await page.getByTestId("fake-pay-alipay").click();

  await expect(page).toHaveURL(/\/orders\/E\d{6}[0-9A-Z]{6}\?returned=1$/);
  await expect(page.getByTestId("order-status")).toHaveAttribute("data-status", "placed");
  await expect(page.getByTestId("pickup-code")).toHaveText(/^\d{6}$/);
  await expect(page.getByText("已付款")).toBeVisible();
});

test("[PAY] leaving Stripe's page keeps the order awaiting payment with a way back to pay", async ({ page }) => {
  await page.goto("/products/xincheng-rice-wine");
  await page.getByTestId("add-to-cart-button").click();
  await expect(page.getByTestId("added-to-cart")).toBeVisible();
  await page.goto("/checkout");
  await page.getByTestId("pay-online").check();
  await page.getByTestId("place-order").click();
  await page.getByTestId("fake-cancel").click();
  await expect(page.getByTestId("awaiting-payment")).toBeVisible();
  await page.getByTestId("pay-now").click();
  await expect(page).toHaveURL(/\/pay\/cs_test_/);
});

test("[PAY] without Stripe keys the checkout offers pay at pickup only, and says why", async ({ browser }) => {
  // Another server, another database: the buyer signs in there (not with the shared server's cookies).
  const context = await browser.newContext({ baseURL: plainBaseURL, locale: "zh-CN", storageState: undefined });
  const page = await context.newPage();
  await signIn(page, "buyer@example.com");
  await page.goto("/products/hudun-rice");
  await page.getByTestId("add-to-cart-button").click();
  await expect(page.getByTestId("added-to-cart")).toBeVisible();
  await page.goto("/checkout");
  await expect(page.getByTestId("pay-online")).toHaveCount(0);
  await expect(page.getByTestId("online-unavailable")).toContainText("在线支付暂未开通");
  await context.close();
});
