import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { isAppError } from "../core/errors";
import { setClockForTests } from "../core/clock";
import * as s from "../db/schema";
import { createAgreement, createCoop, createProduct, createStation } from "../db/seed/factories";
import { setupTestDb, testDriver } from "../db/test-db";
import { stockInvariantViolations } from "../inventory/invariant";
import { createViewer, idemKey } from "../../tests/support/viewers";
import { flushAllForTests } from "./coalescer";
import { closeExpiredDrops } from "./drops";
import { eventsAfter } from "./events";
import { getLiveRoom } from "./queries";
import {
  buyDrop,
  closeDrop,
  createSession,
  endSession,
  goLive,
  openDrop,
  pinProduct,
  revealPrice,
  setBag,
  unpinProduct,
} from "../../tests/support/forms/live";

const t = setupTestDb({ poolSize: 20 });
afterEach(() => setClockForTests(null));

async function liveWorld(stock = 1000) {
  const coop = await createCoop(t.db);
  await createStation(t.db);
  const rice = await createProduct(t.db, {
    coopId: coop.id,
    nameZh: "湖墩大米",
    variants: [{ priceFen: 6980, stock }],
  });
  const oil = await createProduct(t.db, {
    coopId: coop.id,
    nameZh: "菜籽油",
    variants: [{ priceFen: 7500, stock: 10 }],
  });
  const outside = await createProduct(t.db, {
    coopId: coop.id,
    nameZh: "不在袋里",
    variants: [{ priceFen: 100, stock: 10 }],
  });
  const streamer = await createViewer(t.db, { name: "小柳", memberships: [{ kind: "streamer" }] });
  const agreement = await createAgreement(t.db, { streamerId: streamer.userId, coopId: coop.id });
  const { id } = await createSession(streamer, {
    title: "湖墩新米直播",
    scheduledAt: "2026-12-01T20:00",
    coopIds: [coop.id],
  });
  await setBag(streamer, {
    sessionId: id,
    productIds: [rice.product.id, oil.product.id],
    hiddenPriceIds: [oil.product.id],
  });
  return { sessionId: id, streamer, rice, oil, outside, coop, agreement };
}

async function openLiveDrop(w: Awaited<ReturnType<typeof liveWorld>>, over: Record<string, unknown> = {}) {
  await goLive(w.streamer, { sessionId: w.sessionId });
  return openDrop(w.streamer, {
    sessionId: w.sessionId,
    variantId: w.rice.variants[0]!.id,
    price: "49.90",
    quantityCap: 100,
    perBuyerLimit: 3,
    durationSeconds: 300,
    ...over,
  });
}

const buy = (viewer: Awaited<ReturnType<typeof createViewer>>, dropId: string, quantity: number) =>
  buyDrop(viewer, { dropId, quantity, idempotencyKey: idemKey() }).then(
    (o) => o,
    (e: unknown) => (isAppError(e) ? e.code : String(e)),
  );

describe("streamer rules", () => {
  it("another streamer's session answers NOT_FOUND; only bag products can be pinned", async () => {
    const w = await liveWorld();
    const other = await createViewer(t.db, { memberships: [{ kind: "streamer" }] });
    await expect(pinProduct(other, { sessionId: w.sessionId, productId: w.rice.product.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(
      pinProduct(w.streamer, { sessionId: w.sessionId, productId: w.outside.product.id }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
    const consumer = await createViewer(t.db);
    await expect(goLive(consumer, { sessionId: w.sessionId })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it.each([
    ["price 0", { price: "0" }],
    ["quantity 0", { quantityCap: 0 }],
    ["duration 0", { durationSeconds: 0 }],
    ["negative limit", { perBuyerLimit: -1 }],
  ])("a drop with %s is refused and nothing is written", async (_, over) => {
    const w = await liveWorld();
    await goLive(w.streamer, { sessionId: w.sessionId });
    await expect(
      openDrop(w.streamer, {
        sessionId: w.sessionId,
        variantId: w.rice.variants[0]!.id,
        price: "49.90",
        quantityCap: 10,
        perBuyerLimit: 2,
        durationSeconds: 60,
        ...over,
      }),
    ).rejects.toMatchObject({ name: "ZodError" });
    expect(await t.db.select().from(s.liveDrops).where(eq(s.liveDrops.sessionId, w.sessionId))).toHaveLength(0);
  });

  it("drops open only while live, and only on bag variants", async () => {
    const w = await liveWorld();
    await expect(
      openDrop(w.streamer, {
        sessionId: w.sessionId,
        variantId: w.rice.variants[0]!.id,
        price: "1",
        quantityCap: 1,
        perBuyerLimit: 1,
        durationSeconds: 60,
      }),
    ).rejects.toMatchObject({ code: "INVALID_STATE" });
    await goLive(w.streamer, { sessionId: w.sessionId });
    await expect(
      openDrop(w.streamer, {
        sessionId: w.sessionId,
        variantId: w.outside.variants[0]!.id,
        price: "1",
        quantityCap: 1,
        perBuyerLimit: 1,
        durationSeconds: 60,
      }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
  });

  it("pin, reveal, unpin and end write events with increasing ids; the replay timeline comes from the pins", async () => {
    const w = await liveWorld();
    await goLive(w.streamer, { sessionId: w.sessionId });
    await pinProduct(w.streamer, { sessionId: w.sessionId, productId: w.oil.product.id });
    await revealPrice(w.streamer, { sessionId: w.sessionId, productId: w.oil.product.id });
    await pinProduct(w.streamer, { sessionId: w.sessionId, productId: w.rice.product.id });
    await unpinProduct(w.streamer, { sessionId: w.sessionId });
    await endSession(w.streamer, { sessionId: w.sessionId });
    const events = await eventsAfter(t.db, w.sessionId, 0);
    expect(events.map((e) => e.type)).toEqual([
      "session_started",
      "pinned",
      "price_revealed",
      "pinned",
      "unpinned",
      "session_ended",
    ]);
    expect(events.map((e) => e.id)).toEqual([...events.map((e) => e.id)].sort((a, b) => a - b));
    expect((events[1]!.payload.product as { minPriceFen: number | null }).minPriceFen).toBeNull();
    expect((events[2]!.payload.product as { minPriceFen: number | null }).minPriceFen).toBe(7500);
    const room = await getLiveRoom(w.sessionId);
    expect(room?.timeline.map((x) => x.nameZh)).toEqual(["菜籽油", "湖墩大米"]);
    expect(room?.timeline.every((x) => x.unpinnedAt)).toBe(true);
  });
});

describe("buying from a drop", () => {
  it("orders at the drop price, recording the session and the drop", async () => {
    const w = await liveWorld();
    const { dropId } = await openLiveDrop(w);
    const buyer = await createViewer(t.db);
    const placed = await buy(buyer, dropId, 2);
    expect(placed).toMatchObject({ created: true });
    const [order] = await t.db
      .select()
      .from(s.orders)
      .where(eq(s.orders.id, (placed as { id: string }).id));
    expect(order).toMatchObject({ channel: "live", liveSessionId: w.sessionId, dropId, subtotalFen: 9980 });
  });

  it("answers not open / sold out / limit reached clearly and writes nothing then", async () => {
    const w = await liveWorld();
    const { dropId } = await openLiveDrop(w, { quantityCap: 4, perBuyerLimit: 2 });
    const a = await createViewer(t.db);
    const b = await createViewer(t.db);
    const c = await createViewer(t.db);
    expect(await buy(a, dropId, 3)).toBe("LIMIT_REACHED");
    expect(await buy(a, dropId, 2)).toMatchObject({ created: true });
    expect(await buy(a, dropId, 1)).toBe("LIMIT_REACHED");
    expect(await buy(b, dropId, 2)).toMatchObject({ created: true });
    expect(await buy(c, dropId, 1)).toBe("SOLD_OUT");
    const { dropId: second } = await openDrop(w.streamer, {
      sessionId: w.sessionId,
      variantId: w.rice.variants[0]!.id,
      price: "49.90",
      quantityCap: 5,
      perBuyerLimit: 5,
      durationSeconds: 60,
    });
    await closeDrop(w.streamer, { sessionId: w.sessionId, dropId: second });
    expect(await buy(c, second, 1)).toBe("NOT_OPEN");
    const { dropId: third } = await openDrop(w.streamer, {
      sessionId: w.sessionId,
      variantId: w.rice.variants[0]!.id,
      price: "49.90",
      quantityCap: 5,
      perBuyerLimit: 5,
      durationSeconds: 60,
    });
    setClockForTests(new Date(Date.now() + 61_000));
    expect(await buy(c, third, 1)).toBe("NOT_OPEN");
    expect(await t.db.transaction((tx) => closeExpiredDrops(tx, new Date(Date.now() + 61_000)))).toBeGreaterThanOrEqual(
      1,
    );
    const orders = await t.db.select().from(s.orders).where(eq(s.orders.liveSessionId, w.sessionId));
    expect(orders).toHaveLength(2);
  });

  it(`${testDriver() === "postgres" ? 1000 : 200} buyers wanting 1–3 from a 100-unit drop: exactly 100 sold, nobody above the limit, nothing below zero`, async () => {
    const w = await liveWorld();
    const { dropId } = await openLiveDrop(w, { quantityCap: 100, perBuyerLimit: 3 });
    const n = testDriver() === "postgres" ? 1000 : 200;
    const buyers = await Promise.all(Array.from({ length: n }, () => createViewer(t.db)));
    const wants = buyers.map((_, i) => 1 + (i % 3));
    const results = await Promise.all(buyers.map((b, i) => buy(b, dropId, wants[i]!)));
    const sold = results.reduce<number>((a, r, i) => a + (typeof r === "object" ? wants[i]! : 0), 0);
    expect(results.filter((r) => typeof r !== "object" && r !== "SOLD_OUT")).toEqual([]);
    expect(sold).toBe(100);
    const [drop] = await t.db.select().from(s.liveDrops).where(eq(s.liveDrops.id, dropId));
    expect(drop?.sold).toBe(100);
    expect(await stockInvariantViolations(t.db)).toEqual([]);
  });

  it("a retry with the same key is the same order: the drop, the buyer's units and the stock are taken once", async () => {
    const w = await liveWorld();
    const { dropId } = await openLiveDrop(w, { quantityCap: 100, perBuyerLimit: 3 });
    const buyer = await createViewer(t.db);
    const input = { dropId, quantity: 2, idempotencyKey: idemKey() };
    const a = await buyDrop(buyer, input);
    const b = await buyDrop(buyer, input);
    const c = await buyDrop(buyer, input);
    expect(new Set([a.number, b.number, c.number]).size).toBe(1);
    expect([a, b, c].filter((p) => p.created)).toHaveLength(1);
    const [drop] = await t.db.select().from(s.liveDrops).where(eq(s.liveDrops.id, dropId));
    expect(drop?.sold).toBe(2);
    const [mine] = await t.db.select().from(s.liveDropBuyers).where(eq(s.liveDropBuyers.dropId, dropId));
    expect(mine?.units).toBe(2);
    expect(await stockInvariantViolations(t.db)).toEqual([]);
  });

  it("one buyer firing 20 requests at once gets at most the limit", async () => {
    const w = await liveWorld();
    const { dropId } = await openLiveDrop(w, { quantityCap: 100, perBuyerLimit: 2 });
    const buyer = await createViewer(t.db);
    const results = await Promise.all(Array.from({ length: 20 }, () => buy(buyer, dropId, 1)));
    expect(results.filter((r) => typeof r === "object")).toHaveLength(2);
    expect(results.filter((r) => r === "LIMIT_REACHED")).toHaveLength(18);
  });

  it("a burst of purchases becomes a few coalesced units/ticker events, not one per purchase", async () => {
    const w = await liveWorld();
    const { dropId } = await openLiveDrop(w, { quantityCap: 50, perBuyerLimit: 1 });
    const before = (await eventsAfter(t.db, w.sessionId, 0)).length;
    const buyers = await Promise.all(Array.from({ length: 30 }, () => createViewer(t.db, { name: "王小二" })));
    await Promise.all(buyers.map((b) => buy(b, dropId, 1)));
    await flushAllForTests();
    const events = (await eventsAfter(t.db, w.sessionId, 0)).slice(before);
    const units = events.filter((e) => e.type === "drop_units");
    expect(units.length).toBeGreaterThanOrEqual(1);
    expect(units.length).toBeLessThan(10);
    expect((units.at(-1)!.payload.units as Record<string, number>)[dropId]).toBe(20);
    const tick = events.filter((e) => e.type === "ticker").at(-1)!;
    expect(tick.payload).toMatchObject({ count: 30 });
    expect((tick.payload.buyers as string[])[0]).toBe("王**");
  });
});
