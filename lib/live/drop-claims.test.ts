import fs from "node:fs";
import { and, asc, eq } from "drizzle-orm";
import pg from "pg";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { setClockForTests } from "../core/clock";
import { isAppError } from "../core/errors";
import { errorBody } from "../auth/error-shape";
import * as s from "../db/schema";
import { createAgreement, createCoop, createProduct, createStation } from "../db/seed/factories";
import { setupTestDb, testDriver } from "../db/test-db";
import { stockInvariantViolations } from "../inventory/invariant";
import { actOnCoopLines, cancelMyOrder } from "../../tests/support/forms/orders";
import { createViewer, idemKey } from "../../tests/support/viewers";
import { flushAllForTests } from "./coalescer";
import { closeExpiredDrops } from "./drops";
import { forgetDropState } from "./drop-state-cache";
import {
  buyDrop,
  closeDrop,
  createSession,
  endSession,
  goLive,
  openDrop,
  setBag,
} from "../../tests/support/forms/live";

const t = setupTestDb({ poolSize: 20 });
afterEach(() => setClockForTests(null));
afterAll(flushAllForTests);

type Person = Awaited<ReturnType<typeof createViewer>>;

async function world(stock = 100) {
  const coop = await createCoop(t.db);
  const station = await createStation(t.db);
  const rice = await createProduct(t.db, {
    coopId: coop.id,
    nameZh: "湖墩大米",
    variants: [{ priceFen: 6980, stock, labelZh: "5kg" }],
  });
  const streamer = await createViewer(t.db, { name: "小柳", memberships: [{ kind: "streamer" }] });
  const coopMember = await createViewer(t.db, { memberships: [{ kind: "coop", scopeId: coop.id }] });
  await createAgreement(t.db, { streamerId: streamer.userId, coopId: coop.id });
  const { id: sessionId } = await createSession(streamer, {
    title: "湖墩新米直播",
    scheduledAt: "2026-12-01T20:00",
    coopIds: [coop.id],
  });
  await setBag(streamer, { sessionId, productIds: [rice.product.id] });
  await goLive(streamer, { sessionId });
  const variantId = rice.variants[0]!.id;
  const open = async (quantityCap: number, perBuyerLimit = 1, durationSeconds = 300) =>
    (
      await openDrop(streamer, {
        sessionId,
        variantId,
        price: "49.90",
        quantityCap,
        perBuyerLimit,
        durationSeconds,
      })
    ).dropId;
  return { coop, station, rice, variantId, streamer, coopMember, sessionId, open };
}

const stockOf = async (variantId: string) =>
  (await t.db.select({ stock: s.variants.stock }).from(s.variants).where(eq(s.variants.id, variantId)))[0]!.stock;
const dropRow = async (dropId: string) => (await t.db.select().from(s.liveDrops).where(eq(s.liveDrops.id, dropId)))[0]!;
const movementsOf = (variantId: string) =>
  t.db
    .select({
      delta: s.inventoryMovements.delta,
      reason: s.inventoryMovements.reason,
      ref: s.inventoryMovements.refType,
    })
    .from(s.inventoryMovements)
    .where(eq(s.inventoryMovements.variantId, variantId))
    .orderBy(asc(s.inventoryMovements.id));
const unitsOf = async (dropId: string, buyer: Person) =>
  (
    await t.db
      .select({ units: s.liveDropBuyers.units })
      .from(s.liveDropBuyers)
      .where(and(eq(s.liveDropBuyers.dropId, dropId), eq(s.liveDropBuyers.buyerId, buyer.userId)))
  )[0]?.units ?? 0;
const outcome = (p: Promise<{ number: string; created: boolean }>) =>
  p.then(
    (o) => o,
    (e: unknown) => (isAppError(e) ? e.code : String(e)),
  );

describe("a drop holds its units from the stock while it is open", () => {
  it("opening 30 of 100 takes 30 with one movement; purchases leave the stock alone; closing gives the unsold 28 back with one", async () => {
    const w = await world(100);
    const dropId = await w.open(30, 2);
    expect(await stockOf(w.variantId)).toBe(70);
    const buyer = await createViewer(t.db);
    await buyDrop(buyer, { dropId, quantity: 2, idempotencyKey: idemKey() });
    expect(await stockOf(w.variantId)).toBe(70);
    expect((await dropRow(dropId)).sold).toBe(2);
    await closeDrop(w.streamer, { sessionId: w.sessionId, dropId });
    expect(await stockOf(w.variantId)).toBe(98);
    // Closing again changes nothing (INVALID_STATE), and nothing is given back twice.
    await expect(closeDrop(w.streamer, { sessionId: w.sessionId, dropId })).rejects.toMatchObject({
      code: "INVALID_STATE",
    });
    expect(await stockOf(w.variantId)).toBe(98);
    expect((await movementsOf(w.variantId)).slice(1)).toEqual([
      { delta: -30, reason: "drop_reserve", ref: "drop" },
      { delta: 28, reason: "drop_release", ref: "drop" },
    ]);
    expect(await stockInvariantViolations(t.db)).toEqual([]);
  });

  it("a drop bigger than the stock is refused on its quantity, and nothing is written", async () => {
    const w = await world(10);
    const err = await openDrop(w.streamer, {
      sessionId: w.sessionId,
      variantId: w.variantId,
      price: "49.90",
      quantityCap: 11,
      perBuyerLimit: 1,
      durationSeconds: 60,
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: "VALIDATION", fields: { quantityCap: ["over_stock"] } });
    expect(await t.db.select().from(s.liveDrops).where(eq(s.liveDrops.sessionId, w.sessionId))).toEqual([]);
    expect(await stockOf(w.variantId)).toBe(10);
  });

  it("the sweep, the end of the session: each open drop gives its unsold units back once", async () => {
    const w = await world(100);
    const short = await w.open(10, 1, 60);
    const long = await w.open(20, 1, 3600);
    await buyDrop(await createViewer(t.db), { dropId: short, quantity: 1, idempotencyKey: idemKey() });
    expect(await stockOf(w.variantId)).toBe(70);
    const later = new Date(Date.now() + 61_000);
    expect(await t.db.transaction((tx) => closeExpiredDrops(tx, later))).toBe(1);
    expect(await t.db.transaction((tx) => closeExpiredDrops(tx, later))).toBe(0);
    expect(await stockOf(w.variantId)).toBe(79);
    await endSession(w.streamer, { sessionId: w.sessionId });
    expect(await stockOf(w.variantId)).toBe(99);
    expect((await dropRow(long)).status).toBe("closed");
    expect(await stockInvariantViolations(t.db)).toEqual([]);
  });

  it("a cancelled drop order gives its unit back to the open drop (not the stock); after the close, to the stock", async () => {
    const w = await world(100);
    const dropId = await w.open(5, 1);
    const a = await createViewer(t.db);
    const b = await createViewer(t.db);
    const first = await buyDrop(a, { dropId, quantity: 1, idempotencyKey: idemKey() });
    const second = await buyDrop(b, { dropId, quantity: 1, idempotencyKey: idemKey() });
    await cancelMyOrder(a, { number: first.number });
    expect((await dropRow(dropId)).sold).toBe(1);
    expect(await unitsOf(dropId, a)).toBe(0);
    expect(await stockOf(w.variantId)).toBe(95);
    // The buyer may buy again: the allowance came back with the unit.
    forgetDropState(dropId);
    await buyDrop(a, { dropId, quantity: 1, idempotencyKey: idemKey() });
    expect((await dropRow(dropId)).sold).toBe(2);
    await closeDrop(w.streamer, { sessionId: w.sessionId, dropId });
    expect(await stockOf(w.variantId)).toBe(98);
    // After the close, the cooperative cancels b's order: the unit goes to the stock, with a movement.
    await actOnCoopLines(w.coopMember, { coopId: w.coop.id, number: second.number, action: "cancel" });
    expect(await stockOf(w.variantId)).toBe(99);
    expect((await dropRow(dropId)).sold).toBe(1);
    expect((await movementsOf(w.variantId)).at(-1)).toEqual({ delta: 1, reason: "cancel", ref: "order" });
    expect(await stockInvariantViolations(t.db)).toEqual([]);
  });

  it("the cooperative cancelling a drop order while the drop is open gives the unit back to the drop and the buyer", async () => {
    const w = await world(100);
    const dropId = await w.open(3, 1);
    const a = await createViewer(t.db);
    const order = await buyDrop(a, { dropId, quantity: 1, idempotencyKey: idemKey() });
    await actOnCoopLines(w.coopMember, { coopId: w.coop.id, number: order.number, action: "cancel" });
    expect((await dropRow(dropId)).sold).toBe(0);
    expect(await unitsOf(dropId, a)).toBe(0);
    expect(await stockOf(w.variantId)).toBe(97);
  });

  it("a drop open when drops began holding their units reserves its rest then (capped by the stock)", async () => {
    const w = await world(8);
    // Two drops as the old code left them: nothing reserved, one with more left to sell than the stock holds.
    const legacy = (id: string, cap: number, sold: number) =>
      t.db.insert(s.liveDrops).values({
        id,
        sessionId: w.sessionId,
        productId: w.rice.product.id,
        variantId: w.variantId,
        priceFen: 4990,
        quantityCap: cap,
        sold,
        perBuyerLimit: 1,
        opensAt: new Date(Date.now() - 60_000),
        closesAt: new Date(Date.now() + 600_000),
      });
    await legacy("drop_legacy_a", 5, 2);
    await legacy("drop_legacy_b", 10, 0);
    const migration = fs.readFileSync("drizzle/0015_drop_reservations.sql", "utf8");
    if (t.handle.pglite) await t.handle.pglite.exec(migration);
    else await t.handle.pool!.query(migration);
    // a reserves its 3 left (stock 8 → 5); b wants 10 but only 5 are there: it reserves 5 and its cap becomes 5.
    expect(await stockOf(w.variantId)).toBe(0);
    expect((await dropRow("drop_legacy_a")).quantityCap).toBe(5);
    expect((await dropRow("drop_legacy_b")).quantityCap).toBe(5);
    expect(await stockInvariantViolations(t.db)).toEqual([]);
    await endSession(w.streamer, { sessionId: w.sessionId });
    expect(await stockOf(w.variantId)).toBe(8);
  });
});

describe("many buyers at once", () => {
  it("[ISSUE18] 20 retries of one purchase with the same key at once all get the original order", async () => {
    const w = await world(100);
    const dropId = await w.open(50, 1);
    const buyer = await createViewer(t.db);
    const input = { dropId, quantity: 1, idempotencyKey: idemKey() };
    const results = await Promise.all(Array.from({ length: 20 }, () => outcome(buyDrop(buyer, input))));
    const numbers = new Set(results.map((r) => (typeof r === "object" ? r.number : r)));
    expect([...numbers]).toHaveLength(1);
    expect([...numbers][0]).toMatch(/^E\d{6}/);
    expect(results.filter((r) => typeof r === "object" && r.created)).toHaveLength(1);
    expect((await dropRow(dropId)).sold).toBe(1);
    expect(await unitsOf(dropId, buyer)).toBe(1);
    // And after the drop sold out, the same retry still gets the order, not 已抢光.
    await Promise.all(
      Array.from({ length: 49 }, async () =>
        buyDrop(await createViewer(t.db), { dropId, quantity: 1, idempotencyKey: idemKey() }),
      ),
    );
    expect((await dropRow(dropId)).sold).toBe(50);
    expect(await outcome(buyDrop(buyer, input))).toMatchObject({ number: [...numbers][0], created: false });
    expect(await outcome(buyDrop(await createViewer(t.db), { ...input, idempotencyKey: idemKey() }))).toBe("SOLD_OUT");
  });

  it("[ISSUE18] the sold-out answer names the product: 已抢光, or how many are left when fewer than asked", async () => {
    const w = await world(100);
    const dropId = await w.open(3, 3);
    await buyDrop(await createViewer(t.db), { dropId, quantity: 2, idempotencyKey: idemKey() });
    const short = await buyDrop(await createViewer(t.db), { dropId, quantity: 2, idempotencyKey: idemKey() }).catch(
      (e: unknown) => e,
    );
    expect(isAppError(short) && errorBody(short, "zh-CN").error).toMatchObject({
      code: "SOLD_OUT",
      message: "湖墩大米 5kg 只剩 1 份了,少选几份再抢。",
    });
    await buyDrop(await createViewer(t.db), { dropId, quantity: 1, idempotencyKey: idemKey() });
    const gone = await buyDrop(await createViewer(t.db), { dropId, quantity: 1, idempotencyKey: idemKey() }).catch(
      (e: unknown) => e,
    );
    expect(isAppError(gone) && errorBody(gone, "zh-CN").error.message).toBe(
      "已抢光:湖墩大米 5kg 这一波的 3 份都被抢走了。",
    );
    expect(isAppError(gone) && errorBody(gone, "en").error.message).toBe(
      "All gone: every one of the 3 湖墩大米 5kg in this drop has been taken.",
    );
  });

  it("one batch, every buyer their own answer: orders, the limit, 已抢光, an unknown station, a replay", async () => {
    const w = await world(100);
    const dropId = await w.open(4, 2);
    const people = await Promise.all(Array.from({ length: 5 }, () => createViewer(t.db)));
    const [a, b, c, d, e] = people as [Person, Person, Person, Person, Person];
    const aKey = idemKey();
    const results = await Promise.all([
      outcome(buyDrop(e, { dropId, quantity: 1, idempotencyKey: idemKey() })), // alone in the first batch
      outcome(buyDrop(a, { dropId, quantity: 2, idempotencyKey: aKey })),
      outcome(buyDrop(a, { dropId, quantity: 1, idempotencyKey: idemKey() })), // over a's limit of 2
      outcome(buyDrop(a, { dropId, quantity: 2, idempotencyKey: aKey })), // the same purchase again
      outcome(buyDrop(b, { dropId, quantity: 1, idempotencyKey: idemKey(), stationId: "stn_nowhere" })),
      outcome(buyDrop(c, { dropId, quantity: 1, idempotencyKey: idemKey(), stationId: w.station.id })),
      outcome(buyDrop(d, { dropId, quantity: 1, idempotencyKey: idemKey() })), // none left: 4 = 1 + 2 + 1
    ]);
    expect(results[0]).toMatchObject({ created: true });
    expect(results[1]).toMatchObject({ created: true });
    expect(results[2]).toBe("LIMIT_REACHED");
    expect(results[3]).toEqual({ ...(results[1] as object), created: false });
    expect(results[4]).toBe("VALIDATION");
    expect(results[5]).toMatchObject({ created: true });
    expect(results[6]).toBe("SOLD_OUT");
    const drop = await dropRow(dropId);
    expect(drop.sold).toBe(4);
    const orders = await t.db.select().from(s.orders).where(eq(s.orders.dropId, dropId));
    expect(orders.map((o) => o.subtotalFen).sort()).toEqual([4990, 4990, 9980]);
    expect(orders.every((o) => /^\d{6}$/.test(o.pickupCode ?? ""))).toBe(true);
    expect(new Set(orders.map((o) => o.pickupCode)).size).toBe(3);
    expect(await unitsOf(dropId, a)).toBe(2);
    expect(await unitsOf(dropId, b)).toBe(0);
  });

  it.runIf(testDriver() === "postgres")(
    "once sold out, buyers are answered while the drop's row is locked elsewhere; a winner's retry gets its order",
    async () => {
      const w = await world(100);
      const dropId = await w.open(1, 1);
      const [winner, loser] = [await createViewer(t.db), await createViewer(t.db)];
      const url = (t.handle.pool as unknown as { options: { connectionString: string } }).options.connectionString;
      const other = new pg.Client({ connectionString: url });
      await other.connect();
      const key = idemKey();
      try {
        // The last unit goes: this process now knows the drop is sold out.
        const won = await buyDrop(winner, { dropId, quantity: 1, idempotencyKey: key });
        // Another connection holds the drop's row (as another instance's batch would).
        await other.query("begin");
        await other.query("select 1 from live_drops where id = $1 for update", [dropId]);
        const answers = await Promise.race([
          Promise.all([
            outcome(buyDrop(loser, { dropId, quantity: 1, idempotencyKey: idemKey() })),
            outcome(buyDrop(winner, { dropId, quantity: 1, idempotencyKey: key })),
          ]),
          new Promise((r) => setTimeout(() => r("waited for the row"), 3000)),
        ]);
        expect(answers).toEqual(["SOLD_OUT", { ...won, created: false }]);
      } finally {
        await other.query("rollback");
        await other.end();
      }
    },
  );
});
