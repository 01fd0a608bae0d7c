import { NextRequest } from "next/server";
import { and, eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createApiToken } from "../auth/api-tokens";
import type { Viewer } from "../auth/contract";
import { setClockForTests } from "../core/clock";
import * as s from "../db/schema";
import { createAgreement, createCoop, createProduct, createStation } from "../db/seed/factories";
import { setupTestDb } from "../db/test-db";
import { createViewer, idemKey } from "../../tests/support/viewers";
import { acceptAgreement, endAgreement, proposeAgreement } from "../../tests/support/forms/agreements";
import {
  buyDrop,
  createSession,
  endSession,
  goLive,
  openDrop,
  pinProduct,
  setBag,
} from "../../tests/support/forms/live";
import { eventsAfter } from "./events";

// The control room's server actions as Next would run them: who is signed in, and a same-origin request.
const request = vi.hoisted(() => ({
  viewer: null as unknown,
  headers: new Headers({ origin: "http://shop.test", host: "shop.test" }),
}));
vi.mock("next/headers", () => ({
  headers: async () => request.headers,
  cookies: async () => ({ get: () => undefined }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
vi.mock("@/lib/auth/viewer", () => ({ getViewer: async () => request.viewer }));

const { openDropAction, pinAction, setBagAction } = await import("../../app/(workspace)/streamer/actions");
const { endAgreementAction } = await import("../../app/(workspace)/coop/agreements/actions");
const { POST: pinRoute } = await import("../../app/api/v1/sessions/[id]/pin/route");
const { POST: dropsRoute } = await import("../../app/api/v1/sessions/[id]/drops/route");

const t = setupTestDb();
afterEach(() => setClockForTests(null));

const DAY = 86_400_000;
// 2026-12-10 20:00 in Shanghai.
const NOW = new Date("2026-12-10T12:00:00Z");

async function world() {
  setClockForTests(NOW);
  const coop = await createCoop(t.db);
  await createStation(t.db);
  const rice = await createProduct(t.db, {
    coopId: coop.id,
    nameZh: "湖墩大米",
    variants: [{ priceFen: 6980, stock: 100 }],
  });
  const oil = await createProduct(t.db, {
    coopId: coop.id,
    nameZh: "菜籽油",
    variants: [{ priceFen: 7500, stock: 100 }],
  });
  const other = await createCoop(t.db);
  const peach = await createProduct(t.db, {
    coopId: other.id,
    nameZh: "黄桃",
    variants: [{ priceFen: 3000, stock: 100 }],
  });
  const streamer = await createViewer(t.db, { name: "小柳", memberships: [{ kind: "streamer" }] });
  const member = await createViewer(t.db, { memberships: [{ kind: "coop", scopeId: coop.id }] });
  const { id: sessionId } = await createSession(streamer, {
    title: "带货直播",
    scheduledAt: "2026-12-10T20:30",
    coopIds: [coop.id],
  });
  return { coop, rice, oil, other, peach, streamer, member, sessionId };
}
type World = Awaited<ReturnType<typeof world>>;

const as = (v: Viewer) => (request.viewer = v);
const bag = (sessionId: string) =>
  t.db
    .select({ productId: s.liveBagItems.productId })
    .from(s.liveBagItems)
    .where(eq(s.liveBagItems.sessionId, sessionId))
    .orderBy(s.liveBagItems.position)
    .then((r) => r.map((x) => x.productId));

function apiReq(url: string, token: string, body: unknown) {
  return new NextRequest(`http://127.0.0.1${url}`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
}
const params = (id: string) => ({ params: Promise.resolve({ id }) });

/** A live session with the rice in the bag, under an agreement that runs out at `endsAt`. */
async function liveWithRice(w: World, endsAt = new Date(NOW.getTime() + 30 * DAY)) {
  const agreement = await createAgreement(t.db, {
    streamerId: w.streamer.userId,
    coopId: w.coop.id,
    startsAt: new Date(NOW.getTime() - DAY),
    endsAt,
    productIds: [w.rice.product.id],
    rateBps: 1250,
  });
  await setBag(w.streamer, { sessionId: w.sessionId, productIds: [w.rice.product.id] });
  await goLive(w.streamer, { sessionId: w.sessionId });
  return agreement;
}

describe("only carried products in the bag, the pin and drops", () => {
  it("a product outside any agreement is refused in the bag (action) and nothing is written", async () => {
    const w = await world();
    await createAgreement(t.db, {
      streamerId: w.streamer.userId,
      coopId: w.coop.id,
      productIds: [w.rice.product.id],
      startsAt: new Date(NOW.getTime() - DAY),
    });
    as(w.streamer);
    expect(await setBagAction({ sessionId: w.sessionId, productIds: [w.rice.product.id] })).toEqual({
      ok: true,
      data: undefined,
    });
    for (const outside of [w.oil.product.id, w.peach.product.id]) {
      const r = await setBagAction({ sessionId: w.sessionId, productIds: [w.rice.product.id, outside] });
      expect(r).toMatchObject({ ok: false, code: "NOT_CARRIED", fields: { productIds: [expect.any(String)] } });
    }
    expect(await bag(w.sessionId)).toEqual([w.rice.product.id]);
    // Another streamer's agreement covers nothing for this one.
    const other = await createViewer(t.db, { memberships: [{ kind: "streamer" }] });
    const { id } = await createSession(other, { title: "别人的直播", scheduledAt: "2026-12-10T21:00" });
    await expect(setBag(other, { sessionId: id, productIds: [w.rice.product.id] })).rejects.toMatchObject({
      code: "NOT_CARRIED",
      params: { name: "湖墩大米" },
    });
  });

  it("before the agreement's start it carries nothing; from its first day it does", async () => {
    const w = await world();
    const { id } = await proposeAgreement(w.streamer, {
      coopId: w.coop.id,
      rate: "10",
      startsOn: "2026-12-11",
      endsOn: "2026-12-31",
    });
    await acceptAgreement(w.member, "coop", { agreementId: id });
    await expect(setBag(w.streamer, { sessionId: w.sessionId, productIds: [w.rice.product.id] })).rejects.toMatchObject(
      { code: "NOT_CARRIED" },
    );
    setClockForTests(new Date("2026-12-10T15:59:59Z")); // 23:59:59 in Shanghai
    await expect(setBag(w.streamer, { sessionId: w.sessionId, productIds: [w.rice.product.id] })).rejects.toMatchObject(
      { code: "NOT_CARRIED" },
    );
    setClockForTests(new Date("2026-12-10T16:00:00Z")); // the 11th, 00:00
    await setBag(w.streamer, { sessionId: w.sessionId, productIds: [w.rice.product.id, w.oil.product.id] });
    expect((await bag(w.sessionId)).sort()).toEqual([w.rice.product.id, w.oil.product.id].sort());
  });

  it("after the period ends: no pin, no drop — by the control room's actions and the streamer API alike", async () => {
    const w = await world();
    const endsAt = new Date(NOW.getTime() + 3600_000);
    await liveWithRice(w, endsAt);
    const { token } = await createApiToken(w.streamer, { name: "deck", scopes: ["live:write", "drops:write"] });
    as(w.streamer);
    expect(await pinAction({ sessionId: w.sessionId, productId: w.rice.product.id })).toMatchObject({ ok: true });
    setClockForTests(endsAt);
    const drop = {
      sessionId: w.sessionId,
      variantId: w.rice.variants[0]!.id,
      price: "49.90",
      quantityCap: "10",
      perBuyerLimit: "2",
      durationSeconds: "300",
    };
    expect(await pinAction({ sessionId: w.sessionId, productId: w.rice.product.id })).toMatchObject({
      ok: false,
      code: "NOT_CARRIED",
    });
    expect(await openDropAction(drop)).toMatchObject({ ok: false, code: "NOT_CARRIED" });
    const pinned = await pinRoute(
      apiReq(`/api/v1/sessions/${w.sessionId}/pin`, token, { productId: w.rice.product.id }),
      params(w.sessionId),
    );
    expect([pinned.status, (await pinned.json()).error.code]).toEqual([409, "NOT_CARRIED"]);
    const { sessionId: _, ...apiDrop } = drop;
    const dropped = await dropsRoute(
      apiReq(`/api/v1/sessions/${w.sessionId}/drops`, token, apiDrop),
      params(w.sessionId),
    );
    expect([dropped.status, (await dropped.json()).error.code]).toEqual([409, "NOT_CARRIED"]);
    expect(await t.db.select().from(s.liveDrops).where(eq(s.liveDrops.sessionId, w.sessionId))).toHaveLength(0);
    expect(await t.db.select().from(s.livePins).where(eq(s.livePins.sessionId, w.sessionId))).toHaveLength(1);
  });

  it("a product never under an agreement cannot be pinned or dropped even when it sits in the bag", async () => {
    const w = await world();
    await liveWithRice(w);
    // Put the oil in the bag behind the use cases' back (as a bag saved before this rule existed would hold it).
    await t.db.insert(s.liveBagItems).values({ sessionId: w.sessionId, productId: w.oil.product.id, position: 1 });
    const { token } = await createApiToken(w.streamer, { name: "deck", scopes: ["live:write", "drops:write"] });
    await expect(pinProduct(w.streamer, { sessionId: w.sessionId, productId: w.oil.product.id })).rejects.toMatchObject(
      {
        code: "NOT_CARRIED",
        fields: { productId: ["not_carried"] },
      },
    );
    await expect(
      openDrop(w.streamer, {
        sessionId: w.sessionId,
        variantId: w.oil.variants[0]!.id,
        price: "1",
        quantityCap: 1,
        perBuyerLimit: 1,
        durationSeconds: 60,
      }),
    ).rejects.toMatchObject({ code: "NOT_CARRIED", fields: { variantId: ["not_carried"] } });
    const r = await pinRoute(
      apiReq(`/api/v1/sessions/${w.sessionId}/pin`, token, { productId: w.oil.product.id }),
      params(w.sessionId),
    );
    expect(r.status).toBe(409);
    const [session] = await t.db.select().from(s.liveSessions).where(eq(s.liveSessions.id, w.sessionId));
    expect(session!.pinnedProductId).toBeNull();
  });
});

describe("the rate in force at the sale is on the order line", () => {
  it("a drop sale records streamer, agreement and 1250 bps; a later agreement's rate changes only later lines", async () => {
    const w = await world();
    const first = await liveWithRice(w);
    const { dropId } = await openDrop(w.streamer, {
      sessionId: w.sessionId,
      variantId: w.rice.variants[0]!.id,
      price: "49.90",
      quantityCap: 50,
      perBuyerLimit: 5,
      durationSeconds: 600,
    });
    const buyer = await createViewer(t.db);
    const one = await buyDrop(buyer, { dropId, quantity: 2, idempotencyKey: idemKey() });
    const lineOf = async (orderId: string) =>
      (
        await t.db
          .select({
            streamerId: s.orderLines.streamerId,
            agreementId: s.orderLines.agreementId,
            commissionBps: s.orderLines.commissionBps,
            lineTotalFen: s.orderLines.lineTotalFen,
          })
          .from(s.orderLines)
          .where(eq(s.orderLines.orderId, orderId))
      )[0];
    expect(await lineOf(one.id)).toEqual({
      streamerId: w.streamer.userId,
      agreementId: first.id,
      commissionBps: 1250,
      lineTotalFen: 9980,
    });
    // The cooperative ends it (the open drop closes), and a new one at 8 % is agreed and used in a new session.
    await endAgreement(w.member, "coop", { agreementId: first.id });
    const late = await buyDrop(buyer, { dropId, quantity: 1, idempotencyKey: idemKey() }).catch((e) => e.code);
    expect(late).toBe("NOT_OPEN");
    await endSession(w.streamer, { sessionId: w.sessionId });
    const { id: second } = await proposeAgreement(w.streamer, {
      coopId: w.coop.id,
      rate: "8",
      startsOn: "2026-12-10",
      endsOn: "2026-12-31",
    });
    await acceptAgreement(w.member, "coop", { agreementId: second });
    const { id: next } = await createSession(w.streamer, { title: "第二场", scheduledAt: "2026-12-10T21:00" });
    await setBag(w.streamer, { sessionId: next, productIds: [w.rice.product.id] });
    await goLive(w.streamer, { sessionId: next });
    const d2 = await openDrop(w.streamer, {
      sessionId: next,
      variantId: w.rice.variants[0]!.id,
      price: "39.90",
      quantityCap: 50,
      perBuyerLimit: 5,
      durationSeconds: 600,
    });
    const two = await buyDrop(buyer, { dropId: d2.dropId, quantity: 1, idempotencyKey: idemKey() });
    expect(await lineOf(two.id)).toEqual({
      streamerId: w.streamer.userId,
      agreementId: second,
      commissionBps: 800,
      lineTotalFen: 3990,
    });
    expect(await lineOf(one.id)).toEqual({
      streamerId: w.streamer.userId,
      agreementId: first.id,
      commissionBps: 1250,
      lineTotalFen: 9980,
    });
  });

  it("a drop still open when the period runs out sells nothing more: NOT_CARRIED, nothing written", async () => {
    const w = await world();
    const endsAt = new Date(NOW.getTime() + 60_000);
    await liveWithRice(w, endsAt);
    const { dropId } = await openDrop(w.streamer, {
      sessionId: w.sessionId,
      variantId: w.rice.variants[0]!.id,
      price: "49.90",
      quantityCap: 50,
      perBuyerLimit: 5,
      durationSeconds: 600,
    });
    setClockForTests(endsAt);
    const buyer = await createViewer(t.db);
    await expect(buyDrop(buyer, { dropId, quantity: 1, idempotencyKey: idemKey() })).rejects.toMatchObject({
      code: "NOT_CARRIED",
    });
    const [drop] = await t.db.select().from(s.liveDrops).where(eq(s.liveDrops.id, dropId));
    expect(drop!.sold).toBe(0);
    expect(await t.db.select().from(s.orders).where(eq(s.orders.buyerId, buyer.userId))).toHaveLength(0);
    // The drop holds its 50 from the stock while it is open; none of them was sold.
    const [variant] = await t.db.select().from(s.variants).where(eq(s.variants.id, w.rice.variants[0]!.id));
    expect(variant!.stock).toBe(50);
  });
});

describe("ending an agreement", () => {
  it("past sessions stay as they were; scheduled bags lose its products; a live session keeps its bag but its pin and drops of them end", async () => {
    const w = await world();
    const agreement = await createAgreement(t.db, {
      streamerId: w.streamer.userId,
      coopId: w.coop.id,
      startsAt: new Date(NOW.getTime() - DAY),
    });
    await createAgreement(t.db, {
      streamerId: w.streamer.userId,
      coopId: w.other.id,
      startsAt: new Date(NOW.getTime() - DAY),
    });
    const all = [w.rice.product.id, w.oil.product.id, w.peach.product.id];
    // A past session: sold, pinned, ended.
    const { id: past } = await createSession(w.streamer, { title: "上一场", scheduledAt: "2026-12-10T19:00" });
    await setBag(w.streamer, { sessionId: past, productIds: all });
    await goLive(w.streamer, { sessionId: past });
    await pinProduct(w.streamer, { sessionId: past, productId: w.rice.product.id });
    await endSession(w.streamer, { sessionId: past });
    const pastEvents = await eventsAfter(t.db, past, 0);
    // The live one: the rice pinned and dropped.
    await setBag(w.streamer, { sessionId: w.sessionId, productIds: all });
    await goLive(w.streamer, { sessionId: w.sessionId });
    await pinProduct(w.streamer, { sessionId: w.sessionId, productId: w.rice.product.id });
    const { dropId } = await openDrop(w.streamer, {
      sessionId: w.sessionId,
      variantId: w.rice.variants[0]!.id,
      price: "49.90",
      quantityCap: 50,
      perBuyerLimit: 5,
      durationSeconds: 600,
    });
    const { dropId: peachDrop } = await openDrop(w.streamer, {
      sessionId: w.sessionId,
      variantId: w.peach.variants[0]!.id,
      price: "19.90",
      quantityCap: 50,
      perBuyerLimit: 5,
      durationSeconds: 600,
    });
    const liveBefore = (await eventsAfter(t.db, w.sessionId, 0)).at(-1)!.id;
    // A scheduled one, with the oil pinned ahead of the broadcast.
    const { id: later } = await createSession(w.streamer, { title: "下一场", scheduledAt: "2026-12-11T20:00" });
    await setBag(w.streamer, { sessionId: later, productIds: all });
    await pinProduct(w.streamer, { sessionId: later, productId: w.oil.product.id });
    const laterBefore = (await eventsAfter(t.db, later, 0)).at(-1)!.id;

    as(w.member);
    expect(await endAgreementAction({ agreementId: agreement.id, note: "季节结束" })).toMatchObject({
      ok: true,
      data: { status: "ended", replayed: false },
    });

    expect(await bag(past)).toEqual(all);
    expect(await eventsAfter(t.db, past, 0)).toEqual(pastEvents);
    const pastPins = await t.db.select().from(s.livePins).where(eq(s.livePins.sessionId, past));
    expect(pastPins.map((p) => p.productId)).toEqual([w.rice.product.id]);

    expect(await bag(w.sessionId)).toEqual(all);
    const [live] = await t.db.select().from(s.liveSessions).where(eq(s.liveSessions.id, w.sessionId));
    expect(live).toMatchObject({ status: "live", pinnedProductId: null });
    const drops = await t.db
      .select({ id: s.liveDrops.id, status: s.liveDrops.status })
      .from(s.liveDrops)
      .where(eq(s.liveDrops.sessionId, w.sessionId));
    expect(Object.fromEntries(drops.map((d) => [d.id, d.status]))).toEqual({ [dropId]: "closed", [peachDrop]: "open" });
    expect((await eventsAfter(t.db, w.sessionId, liveBefore)).map((e) => [e.type, e.payload])).toEqual([
      ["unpinned", { productId: w.rice.product.id }],
      ["drop_closed", { dropId }],
    ]);
    await expect(pinProduct(w.streamer, { sessionId: w.sessionId, productId: w.oil.product.id })).rejects.toMatchObject(
      {
        code: "NOT_CARRIED",
      },
    );
    await pinProduct(w.streamer, { sessionId: w.sessionId, productId: w.peach.product.id });

    expect(await bag(later)).toEqual([w.peach.product.id]);
    const [sched] = await t.db.select().from(s.liveSessions).where(eq(s.liveSessions.id, later));
    expect(sched!.pinnedProductId).toBeNull();
    expect((await eventsAfter(t.db, later, laterBefore)).map((e) => e.type)).toEqual(["unpinned"]);
    const [openPin] = await t.db
      .select()
      .from(s.livePins)
      .where(and(eq(s.livePins.sessionId, later), eq(s.livePins.productId, w.oil.product.id)));
    expect(openPin!.unpinnedAt).toEqual(NOW);
  });
});
