import { expect, test, type APIRequestContext } from "@playwright/test";

async function credentialsSignIn(request: APIRequestContext, identifier: string, password: string, ip: string) {
  const csrf = await (await request.get("/api/auth/csrf")).json();
  return request.post("/api/auth/callback/credentials", {
    form: { csrfToken: csrf.csrfToken, identifier, password },
    headers: { "x-forwarded-for": ip },
    maxRedirects: 0,
  });
}

test("[SEC] every response carries HSTS, nosniff and the referrer policy", async ({ request }) => {
  for (const path of ["/", "/api/health", "/no-such-page", "/images/placeholder.svg", "/login"]) {
    const res = await request.get(path, { maxRedirects: 0 });
    const h = res.headers();
    expect(h["strict-transport-security"], path).toMatch(/max-age=\d{8,}; includeSubDomains/);
    expect(h["x-content-type-options"], path).toBe("nosniff");
    expect(h["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
  }
});

test("[SEC] HTML gets a CSP with a fresh nonce per request", async ({ request }) => {
  const a = (await request.get("/")).headers()["content-security-policy"]!;
  const b = (await request.get("/")).headers()["content-security-policy"]!;
  for (const d of ["'strict-dynamic'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"]) expect(a).toContain(d);
  const nonce = (csp: string) => /'nonce-([^']+)'/.exec(csp)![1];
  expect(nonce(a)).not.toBe(nonce(b));
  const html = await (await request.get("/")).text();
  expect(html).toMatch(/<script[^>]+nonce="/);
});

test("[SEC] personalised pages are private, no-store", async ({ page }) => {
  const res = await page.goto("/login");
  expect(res?.headers()["cache-control"]).toContain("no-store");
});

test("[SEC] unknown account and wrong password answer identically", async ({ request }) => {
  const wrong = await credentialsSignIn(request, "buyer@example.com", "wrong-1", "198.18.0.1");
  const unknown = await credentialsSignIn(request, "nobody@example.com", "wrong-1", "198.18.0.1");
  expect(wrong.status()).toBe(unknown.status());
  expect(wrong.headers().location).toBe(unknown.headers().location);
  expect(await wrong.text()).toBe(await unknown.text());
});

test("[SEC] sign-in is rate limited per account and address with 429; the owner elsewhere still gets in", async ({ request }) => {
  const ip = `198.18.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
  for (let i = 0; i < 10; i++) {
    const r = await credentialsSignIn(request, "streamer@example.com", `guess-${i}`, ip);
    expect(r.status()).toBe(302);
  }
  const limited = await credentialsSignIn(request, "streamer@example.com", "demo-password", ip);
  expect(limited.status()).toBe(429);
  expect((await limited.json()).error.code).toBe("RATE_LIMITED");
  const elsewhere = await credentialsSignIn(request, "streamer@example.com", "demo-password", `${ip}9`);
  expect(elsewhere.status()).toBe(302);
  expect(elsewhere.headers().location).not.toContain("error");
});

test("[SEC] session cookie is HttpOnly, SameSite=Lax, Secure and prefixed; not readable by scripts", async ({ page, context }) => {
  await page.goto("/login");
  await page.getByLabel("邮箱或手机号").fill("buyer@example.com");
  await page.getByLabel("密码").fill("demo-password");
  await page.getByTestId("login-form").getByRole("button").click();
  await expect(page.getByTestId("sign-out")).toBeVisible();
  const session = (await context.cookies()).find((c) => c.name.includes("session-token"))!;
  expect(session.name.startsWith("__Secure-")).toBe(true);
  expect(session).toMatchObject({ httpOnly: true, sameSite: "Lax", secure: true });
  expect(await page.evaluate(() => document.cookie)).not.toContain("session-token");
});

test("[SEC] callbackUrl never leaves the site", async ({ page, baseURL }) => {
  for (const evil of ["https://evil.tld/", "//evil.tld", "/\\evil.tld", "https://127.0.0.1@evil.tld"]) {
    await page.context().clearCookies();
    await page.goto(`/login?callbackUrl=${encodeURIComponent(evil)}`);
    await page.getByLabel("邮箱或手机号").fill("buyer@example.com");
    await page.getByLabel("密码").fill("demo-password");
    await page.getByTestId("login-form").getByRole("button").click();
    await expect(page.getByTestId("sign-out")).toBeVisible();
    expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
  }
});

test("[SEC] a server action posted from a foreign or null Origin is refused", async ({ page, request }) => {
  // Find the sign-out action id from the page, then post to it cross-site.
  await page.goto("/");
  const html = await page.content();
  const actionId = /\$ACTION_ID_([0-9a-f]+)/.exec(html)?.[1];
  expect(actionId).toBeTruthy();
  for (const origin of ["https://evil.tld", "null"]) {
    const res = await request.post("/", {
      headers: { origin, "next-action": actionId ?? "00", "content-type": "text/plain;charset=UTF-8" },
      data: "[]",
      maxRedirects: 0,
    });
    expect(res.status(), origin).toBeGreaterThanOrEqual(400);
  }
});
