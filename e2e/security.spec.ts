import { expect, test } from "@playwright/test";
import { actionId, callAction, callFormAction } from "./actions";
import { HttpClient } from "./http";

/** A client from its own loopback address: rate limits key on the socket's peer, never on a header. */
const clientAt = (baseURL: string, address: string) => new HttpClient(baseURL, address);
let nextAddress = 10 + Math.floor(Math.random() * 200);
const freshAddress = () => `127.0.${Math.floor(Math.random() * 250)}.${(nextAddress++ % 250) + 2}`;

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
  for (const d of ["'strict-dynamic'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"])
    expect(a).toContain(d);
  const nonce = (csp: string) => /'nonce-([^']+)'/.exec(csp)![1];
  expect(nonce(a)).not.toBe(nonce(b));
  const html = await (await request.get("/")).text();
  expect(html).toMatch(/<script[^>]+nonce="/);
});

test("[SEC] personalised pages are private, no-store", async ({ page }) => {
  const res = await page.goto("/login");
  expect(res?.headers()["cache-control"]).toContain("no-store");
});

test("[SEC] unknown account and wrong password answer identically", async ({ baseURL }) => {
  const c = clientAt(baseURL!, freshAddress());
  const wrong = await c.signIn("buyer@example.com", "wrong-1");
  const unknown = await clientAt(baseURL!, c.localAddress).signIn("nobody@example.com", "wrong-1");
  expect(wrong.status).toBe(unknown.status);
  expect(wrong.headers.location).toBe(unknown.headers.location);
  expect(wrong.body).toBe(unknown.body);
});

test("[SEC] sign-in is limited per account and address with 429; a forged X-Forwarded-For gains nothing; the owner elsewhere still gets in", async ({
  baseURL,
}) => {
  const attacker = freshAddress();
  for (let i = 0; i < 10; i++) {
    // A different X-Forwarded-For on every guess: ignored, the socket's address is what counts.
    const r = await clientAt(baseURL!, attacker).request(
      "POST",
      "/api/auth/callback/credentials",
      await credentialForm(baseURL!, attacker, `guess-${i}`, `10.99.0.${i}`),
    );
    expect(r.status).toBe(302);
  }
  const limited = await clientAt(baseURL!, attacker).request(
    "POST",
    "/api/auth/callback/credentials",
    await credentialForm(baseURL!, attacker, "demo-password", "10.99.0.200"),
  );
  expect(limited.status).toBe(429);
  expect(JSON.parse(limited.body).error.code).toBe("RATE_LIMITED");
  const owner = clientAt(baseURL!, freshAddress());
  const elsewhere = await owner.signIn("streamer@example.com", "demo-password");
  expect(elsewhere.status).toBe(302);
  expect(elsewhere.headers.location).not.toContain("error");
  expect(JSON.parse((await owner.get("/api/auth/session")).body).user.name).toBe("小柳主播");
});

/** The credentials callback's request, with its own CSRF token and cookie, and a forged X-Forwarded-For. */
async function credentialForm(baseURL: string, address: string, password: string, forwardedFor: string) {
  const c = clientAt(baseURL, address);
  const { csrfToken } = JSON.parse((await c.get("/api/auth/csrf")).body) as { csrfToken: string };
  return {
    body: new URLSearchParams({ csrfToken, identifier: "streamer@example.com", password }).toString(),
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      origin: baseURL,
      cookie: c.cookieHeader(),
      "x-forwarded-for": forwardedFor,
    },
  };
}

test("[SEC] session cookie is HttpOnly, SameSite=Lax, Secure and prefixed; not readable by scripts", async ({
  page,
  context,
}) => {
  await page.goto("/login");
  await page.getByLabel("邮箱或手机号").fill("buyer@example.com");
  await page.getByLabel("密码").fill("demo-password");
  await page.getByTestId("login-form").getByRole("button").click();
  await expect(page.getByTestId("account-menu")).toBeVisible();
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
    await expect(page.getByTestId("account-menu")).toBeVisible();
    expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
  }
});

test("[SEC] a server action posted cross-site, from Origin null, or over 1 MB is refused with a clear 4xx", async ({
  baseURL,
}) => {
  const c = new HttpClient(baseURL!);
  const add = actionId("app/(shop)/cart/actions.ts", "addToCartAction");
  const cases: Record<string, string>[] = [
    { origin: "https://evil.tld" },
    { origin: "null" },
    { origin: baseURL!, "sec-fetch-site": "cross-site" },
  ];
  for (const headers of cases) {
    const r = await callAction(c, add, [{ variantId: "var_x", quantity: 1 }], { headers });
    expect(r.http.status, JSON.stringify(headers)).toBe(403);
    expect(JSON.parse(r.http.body).error.code).toBe("FORBIDDEN");
  }
  const big = "a".repeat(1024 * 1024 + 10);
  expect((await callAction(c, add, [], { body: big })).http.status).toBe(413);
  expect((await callAction(c, add, [], { body: big, headers: { "transfer-encoding": "chunked" } })).http.status).toBe(
    413,
  );
});

test("[SEC] bad input gets a clear 4xx, never a 500: NUL bytes, __proto__, unknown fields", async ({ baseURL }) => {
  const c = new HttpClient(baseURL!);
  expect((await c.get("/products?q=%00")).status).toBe(400);
  expect((await c.get("/products/%00")).status).toBe(400);
  const signUp = actionId("app/(shop)/signup/actions.ts", "signUpAction");
  const nul = await callAction(c, signUp, [
    { name: "坏\u0000人", email: `nul-${Date.now()}@example.com`, password: "long enough" },
  ]);
  expect(nul.http.status).toBe(200);
  expect(nul.result).toMatchObject({ ok: false, code: "VALIDATION", fields: { name: [expect.any(String)] } });
  // A form field named __proto__ used to vanish (and the strict schema passed); now it is named and refused.
  const email = `proto-${Date.now()}@example.com`;
  const proto = await callFormAction(c, signUp, [
    ["name", "p"],
    ["email", email],
    ["password", "long enough"],
    ["__proto__", "x"],
  ]);
  expect(proto.result).toMatchObject({ ok: false, code: "VALIDATION" });
  expect(Object.keys(proto.result!.fields!)).toEqual(["__proto__"]);
  expect((await c.signIn(email, "long enough")).headers.location).toContain("error");
  // Signed in, a NUL in the checkout note is a field error too (it was INTERNAL).
  const buyer = new HttpClient(baseURL!, freshAddress());
  expect((await buyer.signIn("buyer@example.com", "demo-password")).status).toBe(302);
  const place = actionId("app/(shop)/checkout/actions.ts", "placeOrderAction");
  const note = await callAction(buyer, place, [
    {
      idempotencyKey: "nulnote-0000000001",
      lines: "[]",
      fulfillment: "pickup",
      stationId: "stn_huimin",
      paymentMethod: "pay_at_pickup",
      note: "\u0000",
    },
  ]);
  expect(note.result).toMatchObject({ ok: false, code: "VALIDATION", fields: { note: [expect.any(String)] } });
});
