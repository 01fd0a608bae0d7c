import { expect, type Page } from "@playwright/test";

/** Opens the header's account menu (orders, account, sign-out). */
export async function openAccountMenu(page: Page) {
  const menu = page.getByTestId("account-menu");
  if ((await menu.getAttribute("open")) === null) await menu.locator("summary").click();
}

export const DEMO_PASSWORD = "demo-password";

export async function signIn(page: Page, identifier: string, password = DEMO_PASSWORD, callbackUrl = "/") {
  await page.goto(`/login?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  await page
    .getByTestId("login-form")
    .getByLabel(/邮箱或手机号|E-mail or phone/)
    .fill(identifier);
  await page
    .getByTestId("login-form")
    .getByLabel(/^密码$|^Password$/)
    .fill(password);
  await page.getByTestId("login-form").getByRole("button").click();
  await expect(page.getByTestId("account-menu")).toBeVisible();
}

export async function signOut(page: Page) {
  await openAccountMenu(page);
  await page.getByTestId("sign-out").click();
  await expect(page.getByTestId("sign-in-link")).toBeVisible();
}

import type { Browser, BrowserContext } from "@playwright/test";

/** A signed-in person in their own browser context (separate cookies), like a second phone. */
export async function personContext(
  browser: Browser,
  identifier: string,
  baseURL: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL, locale: "zh-CN" });
  const page = await context.newPage();
  await signIn(page, identifier);
  return { context, page };
}

/** Moves the server clock (test hook; E2E_TEST_HOOKS=1 in the test server) and optionally runs the sweep. */
export async function serverClock(
  page: Page,
  body: { at?: string; advanceMs?: number; reset?: boolean; sweep?: boolean },
) {
  const res = await page.request.post("/api/test/clock", { data: body });
  expect(res.ok()).toBe(true);
  return res.json();
}
