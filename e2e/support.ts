import path from "node:path";
import { expect, type Page } from "@playwright/test";
import { baseURL as sharedServer } from "../playwright.config";

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

/** The demo accounts that e2e/auth.setup.ts signs in once per run, before the specs that use them. */
export const demoAccounts = {
  buyer: "buyer@example.com",
  coop: "coop@example.com",
  streamer: "streamer@example.com",
  station: "station@example.com",
  admin: "admin@example.com",
} as const;
export type DemoRole = keyof typeof demoAccounts;

/** Where the setup keeps a role's signed-in cookies: one file per role and per test server (its port). */
export function storageStateOf(role: DemoRole): string {
  return path.join(".data", `e2e-auth-${new URL(sharedServer).port}`, `${role}.json`);
}

/**
 * `test.use(signedInAs("coop"))`: the spec's pages start signed in as that demo role, without the sign-in form.
 * Use `signIn` where signing in is what the test is about, or where the server clock was moved first (a session
 * is judged by the server's clock, so one from the setup has expired at a clock months ahead).
 */
export function signedInAs(role: DemoRole): { storageState: string } {
  return { storageState: storageStateOf(role) };
}

/** A demo role in a browser context of its own (separate cookies), like a second phone, already signed in. */
export async function roleContext(
  browser: Browser,
  role: DemoRole,
  baseURL: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL, locale: "zh-CN", ...signedInAs(role) });
  const page = await context.newPage();
  return { context, page };
}

/** A person signed in through the form in their own browser context (separate cookies), like a second phone. */
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
