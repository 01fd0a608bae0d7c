import http from "node:http";
import { eq } from "drizzle-orm";
import { encode } from "next-auth/jwt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSession, revokeSession } from "../lib/auth/sessions";
import * as s from "../lib/db/schema";
import { createAgreement, createCoop, createProduct, createStation } from "../lib/db/seed/factories";
import { setupTestDb } from "../lib/db/test-db";
import { authSecret } from "../lib/env";
import { flushAllForTests } from "../lib/live/coalescer";
import { listenNodeRoutes } from "../tests/support/node-routes-server";
import * as live from "../tests/support/forms/live";
import { createViewer, idemKey } from "../tests/support/viewers";

// The routes the Node entry answers itself, over real HTTP, as server.ts serves them (outside a test the cookie is
// __Secure-authjs.session-token; under NODE_ENV=test, authjs.session-token).
const COOKIE = "authjs.session-token";
const t = setupTestDb();
let base = "";
let server: http.Server;
let dropId = "";
let stationId = "";
let stock = async () => 0;

beforeAll(async () => {
  ({ server, base } = await listenNodeRoutes());
  const coop = await createCoop(t.db);
  stationId = (await createStation(t.db)).id;
  const rice = await createProduct(t.db, {
    coopId: coop.id,
    nameZh: "湖墩大米",
    variants: [{ priceFen: 6980, stock: 100, labelZh: "5kg" }],
  });
  const streamer = await createViewer(t.db, { memberships: [{ kind: "streamer" }] });
  await createAgreement(t.db, { streamerId: streamer.userId, coopId: coop.id });
  const { id: sessionId } = await live.createSession(streamer, {
    title: "湖墩新米直播",
    scheduledAt: "2026-12-01T20:00",
    coopIds: [coop.id],
  });
  await live.setBag(streamer, { sessionId, productIds: [rice.product.id] });
  await live.goLive(streamer, { sessionId });
  dropId = (
    await live.openDrop(streamer, {
      sessionId,
      variantId: rice.variants[0]!.id,
      price: "49.90",
      quantityCap: 3,
      perBuyerLimit: 1,
      durationSeconds: 600,
    })
  ).dropId;
  stock = async () => (await t.db.select().from(s.variants).where(eq(s.variants.id, rice.variants[0]!.id)))[0]!.stock;
});

afterAll(async () => {
  await flushAllForTests();
  await new Promise((r) => server.close(r));
});

/** A buyer with a live session row and the cookie a sign-in would give them. */
async function signedIn(name = "买家", secret = authSecret()) {
  const viewer = await createViewer(t.db, { name });
  const sid = await createSession(viewer.userId, {});
  const jwt = await encode({ token: { sub: viewer.userId, uid: viewer.userId, sid, name }, secret, salt: COOKIE });
  return { ...viewer, sid, cookie: `${COOKIE}=${jwt}` };
}

function request(
  method: string,
  path: string,
  opts: { headers?: Record<string, string>; body?: string | Buffer; chunked?: boolean } = {},
): Promise<{
  status: number;
  headers: http.IncomingHttpHeaders;
  json: { error?: { code: string; message: string } } & Record<string, unknown>;
}> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${base}${path}`, { method, headers: opts.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString();
        resolve({ status: res.statusCode ?? 0, headers: res.headers, json: text ? JSON.parse(text) : {} });
      });
    });
    req.on("error", (err) =>
      String(err).includes("EPIPE") || String(err).includes("ECONNRESET") ? undefined : reject(err),
    );
    if (opts.body !== undefined) {
      if (opts.chunked) {
        const b = Buffer.from(opts.body);
        for (let i = 0; i < b.length; i += 64 * 1024) req.write(b.subarray(i, i + 64 * 1024));
      } else req.write(opts.body);
    }
    req.end();
  });
}

const json = { "content-type": "application/json" };
const buy = (cookie: string | null, body: unknown, extra: Record<string, string> = {}) =>
  request("POST", `/api/live/drops/${dropId}/buy`, {
    headers: { ...json, origin: base, ...(cookie ? { cookie } : {}), ...extra },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
const ordersOf = async (userId: string) =>
  (await t.db.select().from(s.orders).where(eq(s.orders.buyerId, userId))).length;

describe("POST /api/live/drops/[id]/buy, answered by the Node entry", () => {
  it("a signed-in buyer gets the order; the same key again gets the same order; the security headers are there", async () => {
    const a = await signedIn();
    const key = idemKey();
    const first = await buy(a.cookie, { quantity: 1, stationId, idempotencyKey: key });
    expect(first.status).toBe(200);
    expect(first.json).toEqual({ number: expect.stringMatching(/^E\d{6}[0-9A-Z]{6}$/), created: true });
    expect(first.headers["cache-control"]).toBe("no-store");
    expect(first.headers["x-content-type-options"]).toBe("nosniff");
    expect(first.headers["x-frame-options"]).toBe("DENY");
    const again = await buy(a.cookie, { quantity: 1, stationId, idempotencyKey: key });
    expect(again).toMatchObject({ status: 200, json: { number: first.json.number, created: false } });
    expect(await ordersOf(a.userId)).toBe(1);
    // The drop holds its 3 from the stock: the purchase took nothing more from it.
    expect(await stock()).toBe(97);
  });

  it("no session, a forged cookie, a revoked session or a suspended account: 401, and nothing is written", async () => {
    const body = { quantity: 1, stationId, idempotencyKey: idemKey() };
    expect((await buy(null, body)).json.error?.code).toBe("UNAUTHENTICATED");
    const forged = await signedIn("伪造", "another-secret-another-secret-another-secret");
    expect((await buy(forged.cookie, body)).status).toBe(401);
    const revoked = await signedIn();
    await revokeSession(revoked.sid);
    expect((await buy(revoked.cookie, body)).status).toBe(401);
    const suspended = await signedIn();
    await t.db.update(s.users).set({ status: "suspended" }).where(eq(s.users.id, suspended.userId));
    expect((await buy(suspended.cookie, body)).status).toBe(401);
    for (const who of [forged, revoked, suspended]) expect(await ordersOf(who.userId)).toBe(0);
  });

  it("from another site (a form, a fetch, an iframe) it is refused before anything is read: 403", async () => {
    const a = await signedIn();
    const body = { quantity: 1, stationId, idempotencyKey: idemKey() };
    expect((await buy(a.cookie, body, { origin: "https://evil.test" })).status).toBe(403);
    expect((await buy(a.cookie, body, { origin: "null" })).status).toBe(403);
    expect((await buy(a.cookie, body, { "sec-fetch-site": "cross-site" })).status).toBe(403);
    const noOrigin = await request("POST", `/api/live/drops/${dropId}/buy`, {
      headers: { ...json, cookie: a.cookie },
      body: JSON.stringify(body),
    });
    expect(noOrigin.status).toBe(403);
    expect(await ordersOf(a.userId)).toBe(0);
  });

  it("bad bodies get a clear 4xx, never a 500, and write nothing", async () => {
    const a = await signedIn();
    const key = idemKey();
    const cases: [string, Promise<{ status: number; json: { error?: { code: string } } }>, number, string][] = [
      [
        "text/plain",
        buy(a.cookie, JSON.stringify({ quantity: 1, idempotencyKey: key }), { "content-type": "text/plain" }),
        400,
        "VALIDATION",
      ],
      ["not JSON", buy(a.cookie, "{quantity: 1"), 400, "VALIDATION"],
      ["a NUL byte", buy(a.cookie, { quantity: 1, idempotencyKey: key, stationId: "stn\u0000" }), 400, "VALIDATION"],
      [
        "the drop in the body",
        buy(a.cookie, { quantity: 1, idempotencyKey: key, dropId: "drop_other" }),
        400,
        "VALIDATION",
      ],
      ["1e9 units", buy(a.cookie, { quantity: "1e9", idempotencyKey: key }), 400, "VALIDATION"],
      ["a short key", buy(a.cookie, { quantity: 1, idempotencyKey: "abc" }), 400, "VALIDATION"],
      ["__proto__", buy(a.cookie, `{"quantity":1,"idempotencyKey":"${key}","__proto__":{"x":1}}`), 400, "VALIDATION"],
      [
        "an unknown station",
        buy(a.cookie, { quantity: 1, idempotencyKey: key, stationId: "stn_nowhere" }),
        400,
        "VALIDATION",
      ],
      ["10 MB", buy(a.cookie, "x".repeat(10 * 1024 * 1024)), 413, "PAYLOAD_TOO_LARGE"],
      [
        "10 MB, chunked",
        request("POST", `/api/live/drops/${dropId}/buy`, {
          headers: { ...json, origin: base, cookie: a.cookie, "transfer-encoding": "chunked" },
          body: "x".repeat(10 * 1024 * 1024),
          chunked: true,
        }),
        413,
        "PAYLOAD_TOO_LARGE",
      ],
    ];
    for (const [what, answer, status, code] of cases) {
      const res = await answer;
      expect({ what, status: res.status, code: res.json.error?.code }).toEqual({ what, status, code });
    }
    expect(await ordersOf(a.userId)).toBe(0);
  });

  it("an unknown drop is 404; a malformed escape in the path is 400", async () => {
    const a = await signedIn();
    const body = JSON.stringify({ quantity: 1, idempotencyKey: idemKey() });
    const headers = { ...json, origin: base, cookie: a.cookie };
    expect((await request("POST", "/api/live/drops/drop_nowhere/buy", { headers, body })).status).toBe(404);
    expect((await request("POST", "/api/live/drops/%E0%A4%A/buy", { headers, body })).status).toBe(400);
  });

  it("sold out: 409 naming the product, in the reader's language; the limit of one is the limit", async () => {
    const a = await signedIn();
    const b = await signedIn();
    expect((await buy(a.cookie, { quantity: 1, stationId, idempotencyKey: idemKey() })).status).toBe(200);
    const twice = await buy(a.cookie, { quantity: 1, stationId, idempotencyKey: idemKey() });
    expect(twice).toMatchObject({ status: 409, json: { error: { code: "LIMIT_REACHED" } } });
    expect((await buy(b.cookie, { quantity: 1, stationId, idempotencyKey: idemKey() })).status).toBe(200);
    const late = await signedIn();
    const zh = await buy(late.cookie, { quantity: 1, idempotencyKey: idemKey() });
    expect(zh).toMatchObject({
      status: 409,
      json: { error: { code: "SOLD_OUT", message: "已抢光:湖墩大米 5kg 这一波的 3 份都被抢走了。" } },
    });
    const en = await buy(late.cookie, { quantity: 1, idempotencyKey: idemKey() }, { "accept-language": "en-US,en" });
    expect(en.json.error?.message).toBe("All gone: every one of the 3 湖墩大米 5kg in this drop has been taken.");
  });

  it("more than 60 purchases a minute from one account: 429 with Retry-After", async () => {
    const a = await signedIn();
    let last = await buy(a.cookie, { quantity: 1, idempotencyKey: idemKey() });
    for (let i = 0; i < 60; i++) last = await buy(a.cookie, { quantity: 1, idempotencyKey: idemKey() });
    expect(last.status).toBe(429);
    expect(Number(last.headers["retry-after"])).toBeGreaterThan(0);
  });
});

describe("GET /api/me", () => {
  it("says who is signed in (200) or 401; never cached", async () => {
    const a = await signedIn("张小禾");
    const me = await request("GET", "/api/me", { headers: { cookie: a.cookie } });
    expect(me).toMatchObject({ status: 200, json: { userId: a.userId, name: "张小禾" } });
    expect(me.headers["cache-control"]).toBe("no-store");
    expect((await request("GET", "/api/me")).status).toBe(401);
    expect((await request("GET", "/api/me", { headers: { cookie: `${COOKIE}=garbage` } })).status).toBe(401);
  });
});
