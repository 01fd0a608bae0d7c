import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "demo-password";

export async function signIn(page: Page, identifier: string, password = DEMO_PASSWORD, callbackUrl = "/") {
  await page.goto(`/login?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  await page.getByTestId("login-form").getByLabel(/邮箱或手机号|E-mail or phone/).fill(identifier);
  await page.getByTestId("login-form").getByLabel(/^密码$|^Password$/).fill(password);
  await page.getByTestId("login-form").getByRole("button").click();
  await expect(page.getByTestId("sign-out")).toBeVisible();
}

export async function signOut(page: Page) {
  await page.getByTestId("sign-out").click();
  await expect(page.getByTestId("sign-in-link")).toBeVisible();
}
