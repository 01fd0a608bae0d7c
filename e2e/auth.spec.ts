import { expect, test } from "@playwright/test";
import { signIn, signOut } from "./support";

const accounts = [
  { email: "coop@example.com", workspace: "coop" },
  { email: "streamer@example.com", workspace: "streamer" },
  { email: "station@example.com", workspace: "station" },
  { email: "admin@example.com", workspace: "admin" },
] as const;

for (const a of accounts) {
  test(`[AUTH] ${a.email} signs in and reaches /${a.workspace}`, async ({ page }) => {
    await signIn(page, a.email);
    await page.getByTestId(`ws-${a.workspace}`).click();
    await expect(page.getByTestId(`workspace-${a.workspace}`)).toBeVisible();
  });
}

test("[AUTH] a consumer is refused every workspace; anonymous is sent to sign in", async ({ page }) => {
  await page.goto("/coop");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fcoop/);
  await signIn(page, "buyer@example.com");
  for (const ws of ["coop", "streamer", "station", "admin"]) {
    const res = await page.goto(`/${ws}`);
    expect(res?.status(), ws).toBe(404);
    await expect(page.getByTestId("not-found")).toBeVisible();
  }
});

test("[AUTH] sign-in by phone number works and returns to the page asked for", async ({ page }) => {
  await signIn(page, "13800000001", undefined, "/account");
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByTestId("account-name")).toContainText("张小禾");
});

test("[AUTH] sign-out revokes the session: the old cookie no longer works", async ({ page, context }) => {
  await signIn(page, "coop@example.com");
  const cookies = await context.cookies();
  await signOut(page);
  await context.addCookies(cookies); // replay the pre-sign-out cookie
  const res = await page.goto("/coop");
  await expect(page).toHaveURL(/\/login/);
  expect(res?.ok()).toBe(true);
});

test("[AUTH] after sign-out the old cookie reads as signed out at /api/auth/session and is not renewed", async ({
  page,
  context,
  request,
}) => {
  await signIn(page, "buyer@example.com");
  const cookies = await context.cookies();
  const session = cookies.find((c) => c.name.includes("session-token"))!;
  const asked = async () =>
    request.get("/api/auth/session", { headers: { cookie: `${session.name}=${session.value}` } });
  const before = await asked();
  expect((await before.json()).user.name).toBe("张小禾");
  await signOut(page);
  const after = await asked();
  expect(after.status()).toBe(200);
  expect(await after.json()).toBeNull();
  const renewed = after
    .headersArray()
    .filter(
      (h) =>
        h.name.toLowerCase() === "set-cookie" &&
        h.value.includes("session-token") &&
        !/max-age=0|expires=Thu, 01 Jan 1970/i.test(h.value),
    );
  expect(renewed).toEqual([]);
});

test("[AUTH] a wrong password shows one clear message and keeps the account typed; sent from 去结算, the page says why", async ({
  page,
}) => {
  await page.goto("/login?callbackUrl=%2Fcheckout");
  await expect(page.getByTestId("sign-in-reason")).toContainText("登录后继续结算");
  await page.getByLabel("邮箱或手机号").fill("buyer@example.com");
  await page.getByLabel("密码").fill("not-the-password");
  await page.getByTestId("login-form").getByRole("button").click();
  await expect(page.getByTestId("login-form").getByRole("alert")).toContainText("账号或密码不正确");
  await expect(page.getByLabel("邮箱或手机号")).toHaveValue("buyer@example.com");
});

test("[AUTH] sign up as a new consumer", async ({ page }) => {
  await page.goto("/signup");
  const form = page.getByTestId("signup-form");
  await form.getByLabel("昵称").fill("新用户");
  await form.getByLabel("邮箱").fill(`new-${Date.now()}@example.com`);
  await form.getByLabel("密码").fill("a good password");
  await form.getByRole("button").click();
  await expect(page.getByTestId("viewer-name")).toContainText("新用户");
});
