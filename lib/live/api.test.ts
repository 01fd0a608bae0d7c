import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { createApiToken, revokeApiToken } from "../auth/api-tokens";
import { createAgreement, createCoop, createProduct } from "../db/seed/factories";
import { setupTestDb } from "../db/test-db";
import { createViewer } from "../../tests/support/viewers";
import { GET as listSessions } from "../../app/api/v1/sessions/route";
import { POST as pin } from "../../app/api/v1/sessions/[id]/pin/route";
import { POST as openDropRoute } from "../../app/api/v1/sessions/[id]/drops/route";
import { GET as figures } from "../../app/api/v1/sessions/[id]/figures/route";
import { createSession, goLive, setBag } from "../../tests/support/forms/live";

const t = setupTestDb();

async function world() {
  const coop = await createCoop(t.db);
  const { product, variants } = await createProduct(t.db, { coopId: coop.id });
  const streamer = await createViewer(t.db, { memberships: [{ kind: "streamer" }] });
  await createAgreement(t.db, { streamerId: streamer.userId, coopId: coop.id });
  const { id } = await createSession(streamer, { title: "API 直播", scheduledAt: "2026-12-01T20:00" });
  await setBag(streamer, { sessionId: id, productIds: [product.id] });
  await goLive(streamer, { sessionId: id });
  const all = await createApiToken(streamer, {
    name: "Stream Deck",
    scopes: ["sessions:read", "live:write", "drops:write", "figures:read"],
  });
  return { id, streamer, productId: product.id, variantId: variants[0]!.id, token: all.token, tokenId: all.id };
}

function req(url: string, token: string | null, body?: unknown, method = body === undefined ? "GET" : "POST") {
  const headers = new Headers({ "content-type": "application/json" });
  if (token) headers.set("authorization", `Bearer ${token}`);
  return new NextRequest(`http://127.0.0.1${url}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}
const params = (p: Record<string, string>) => ({ params: Promise.resolve(p) });
const json = async (res: Response) => ({ status: res.status, body: await res.json() });

describe("the streamer API", () => {
  it("pins, opens drops and reads figures through the same use cases as the control room", async () => {
    const w = await world();
    expect(
      (await json(await listSessions(req("/api/v1/sessions", w.token)))).body.sessions.map((s: { id: string }) => s.id),
    ).toContain(w.id);
    expect(
      (await pin(req(`/api/v1/sessions/${w.id}/pin`, w.token, { productId: w.productId }), params({ id: w.id })))
        .status,
    ).toBe(200);
    const drop = await json(
      await openDropRoute(
        req(`/api/v1/sessions/${w.id}/drops`, w.token, {
          variantId: w.variantId,
          price: "9.90",
          quantityCap: 10,
          perBuyerLimit: 2,
          durationSeconds: 120,
        }),
        params({ id: w.id }),
      ),
    );
    expect(drop.body.dropId).toMatch(/^drop_/);
    const f = await json(await figures(req(`/api/v1/sessions/${w.id}/figures`, w.token), params({ id: w.id })));
    expect(f.body).toMatchObject({ status: "live", orders: 0, revenueFen: 0 });
    expect(f.body.drops).toHaveLength(1);
  });

  it("the body is parsed by the control room's contract: an unknown field is a field error; the path names the session", async () => {
    const w = await world();
    const pinWith = async (body: Record<string, unknown>) =>
      json(await pin(req(`/api/v1/sessions/${w.id}/pin`, w.token, body), params({ id: w.id })));
    expect(await pinWith({ productId: w.productId, priceFen: 1 })).toMatchObject({
      status: 400,
      body: { error: { code: "VALIDATION", fields: { priceFen: [expect.any(String)] } } },
    });
    expect((await pinWith({ productId: w.productId, sessionId: "live_someone_else" })).status).toBe(200);
  });

  it("scopes: a token without drops:write gets 403 with a stable code", async () => {
    const w = await world();
    const { token } = await createApiToken(w.streamer, { name: "read only", scopes: ["sessions:read"] });
    const res = await json(
      await openDropRoute(
        req(`/api/v1/sessions/${w.id}/drops`, token, {
          variantId: w.variantId,
          price: "1",
          quantityCap: 1,
          perBuyerLimit: 1,
          durationSeconds: 60,
        }),
        params({ id: w.id }),
      ),
    );
    expect(res).toMatchObject({ status: 403, body: { error: { code: "FORBIDDEN" } } });
  });

  it("a revoked, unknown or missing token gets 401", async () => {
    const w = await world();
    await revokeApiToken(w.streamer, { id: w.tokenId });
    for (const token of [w.token, "elk_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", null]) {
      expect((await json(await listSessions(req("/api/v1/sessions", token)))).body.error.code).toBe("UNAUTHENTICATED");
    }
  });

  it("another streamer's session answers 404", async () => {
    const w = await world();
    const other = await world();
    const res = await json(
      await pin(
        req(`/api/v1/sessions/${other.id}/pin`, w.token, { productId: other.productId }),
        params({ id: other.id }),
      ),
    );
    expect(res).toMatchObject({ status: 404, body: { error: { code: "NOT_FOUND" } } });
  });

  it("bad bodies get 400 with field errors", async () => {
    const w = await world();
    const res = await json(
      await openDropRoute(
        req(`/api/v1/sessions/${w.id}/drops`, w.token, {
          variantId: w.variantId,
          price: "0",
          quantityCap: -1,
          perBuyerLimit: 1,
          durationSeconds: 0,
          hack: true,
        }),
        params({ id: w.id }),
      ),
    );
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.fields)).toEqual(
      expect.arrayContaining(["price", "quantityCap", "durationSeconds", "hack"]),
    );
    const notJson = await pin(
      new NextRequest(`http://127.0.0.1/api/v1/sessions/${w.id}/pin`, {
        method: "POST",
        body: "{nope",
        headers: { authorization: `Bearer ${w.token}` },
      }),
      params({ id: w.id }),
    );
    expect(notJson.status).toBe(400);
  });

  it("is rate limited per token: 429 after 120 requests a minute", async () => {
    const w = await world();
    let last = 0;
    for (let i = 0; i < 121; i++) last = (await listSessions(req("/api/v1/sessions", w.token))).status;
    expect(last).toBe(429);
  });
});
