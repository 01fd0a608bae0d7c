import { expect, test } from "@playwright/test";
import { signOut } from "./support";

test("[SHOP] a guest adds 湖墩大米 10kg, signs in, picks a station, orders and gets a pickup code; the cooperative confirms", async ({ page }) => {
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
  await page.getByTestId("station-picker").getByText("惠民街道大柳村网联驿站").click();
  await page.getByTestId("place-order").click();

  await expect(page).toHaveURL(/\/orders\/E\d{6}[0-9A-Z]{6}\?placed=1/);
  const number = new URL(page.url()).pathname.split("/").pop()!;
  await expect(page.getByTestId("pickup-code")).toHaveText(/^\d{6}$/);
  await expect(page.getByTestId("pickup-qr")).toBeVisible();
  await expect(page.getByTestId("order-status")).toHaveAttribute("data-status", "placed");
  await expect(page.getByTestId("cart-count")).toHaveCount(0);

  await signOut(page);
  await page.goto("/login?callbackUrl=%2Fcoop%2Forders");
  await page.getByLabel("邮箱或手机号").fill("coop@example.com");
  await page.getByLabel("密码").fill("demo-password");
  await page.getByTestId("login-form").getByRole("button").click();
  const card = page.getByTestId("coop-order").filter({ hasText: number });
  await expect(card).toContainText("湖墩大米");
  await card.getByTestId(`confirm-${number}`).click();
  await expect(card.getByTestId("order-status")).toHaveAttribute("data-status", "confirmed");
  await expect(card.getByTestId(`dispatch-${number}`)).toBeVisible();
});

test("[SHOP] another buyer's order number answers 404", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("邮箱或手机号").fill("coop@example.com");
  await page.getByLabel("密码").fill("demo-password");
  await page.getByTestId("login-form").getByRole("button").click();
  await expect(page.getByTestId("sign-out")).toBeVisible();
  const res = await page.goto("/orders/E261128ABCDEF");
  expect(res?.status()).toBe(404);
});
