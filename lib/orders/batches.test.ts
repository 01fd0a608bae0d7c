import { and, eq, sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { errorMessage } from "../i18n/messages";
import { setClockForTests } from "../core/clock";
import * as s from "../db/schema";
import { createCoop, createProduct, createStation } from "../db/seed/factories";
import { setupTestDb } from "../db/test-db";
import { rowsOf } from "../db/types";
import { stockInvariantViolations } from "../inventory/invariant";
import { createViewer, idemKey } from "../../tests/support/viewers";
import { checkout, dispatchBatch, receiveBatch, redeemPickupCode } from "../../tests/support/forms/orders";
import { lockDueBatches } from "./batches";
import { getMyOrder } from "./buyer-queries";
import { expireUncollected } from "./expire-uncollected";
import { getPickList, pickListCsv } from "./pick-list";

const t = setupTestDb();
afterEach(() => setClockForTests(null));

// 2026-11-28 21:59 and 22:01 in Shanghai (UTC+8); the station's cutoff is 22:00.
const BEFORE = new Date("2026-11-28T13:59:00Z");
const AFTER = new Date("2026-11-28T14:01:00Z");

async function world() {
  const coop = await createCoop(t.db);
  const station = await createStation(t.db, { cutoffTime: "22:00", pickupExpiryDays: 3 });
  const other = await createStation(t.db);
  const { variants } = await createProduct(t.db, {
    coopId: coop.id,
    nameZh: "湖墩大米",
    variants: [{ priceFen: 6980, stock: 100 }],
  });
  const buyer = await createViewer(t.db, { name: "张小禾" });
  const member = await createViewer(t.db, { memberships: [{ kind: "coop", scopeId: coop.id }] });
  const manager = await createViewer(t.db, { memberships: [{ kind: "station", scopeId: station.id }] });
  const otherManager = await createViewer(t.db, { memberships: [{ kind: "station", scopeId: other.id }] });
  const order = async (at: Date, quantity = 1, stationId = station.id) => {
    setClockForTests(at);
    const { number } = await checkout(buyer, {
      idempotencyKey: idemKey(),
      lines: JSON.stringify([{ variantId: variants[0]!.id, quantity }]),
      fulfillment: "pickup",
      stationId,
      paymentMethod: "pay_at_pickup",
    });
    return number;
  };
  const batchOf = async (number: string) =>
    (
      await rowsOf<{ batch_id: string; delivery_day: string }>(
        t.db.execute(
          sql`select l.batch_id, o.delivery_day from orders o join order_lines l on l.order_id = o.id where o.number = ${number}`,
        ),
      )
    )[0]!;
  return { coop, station, other, variant: variants[0]!, buyer, member, manager, otherManager, order, batchOf };
}

async function readyOrder(w: Awaited<ReturnType<typeof world>>) {
  const number = await w.order(BEFORE);
  const { batch_id } = await w.batchOf(number);
  setClockForTests(new Date("2026-11-28T14:00:00Z"));
  await t.db.transaction((tx) => lockDueBatches(tx, new Date("2026-11-28T14:00:00Z")));
  await dispatchBatch(w.member, { batchId: batch_id });
  await receiveBatch(w.manager, { batchId: batch_id });
  const code = (await getMyOrder(w.buyer, number)).pickupCode!;
  return { number, batchId: batch_id, code };
}

describe("batches and the daily cutoff", () => {
  it("an order one minute before the cutoff and one after land in different batches", async () => {
    const w = await world();
    const a = await w.batchOf(await w.order(BEFORE));
    const b = await w.batchOf(await w.order(AFTER));
    expect(a.delivery_day).toBe("2026-11-29");
    expect(b.delivery_day).toBe("2026-11-30");
    expect(a.batch_id).not.toBe(b.batch_id);
  });

  it("the sweep locks a batch at the cutoff, once; a locked batch takes no more orders", async () => {
    const w = await world();
    const { batch_id } = await w.batchOf(await w.order(BEFORE));
    const cutoff = new Date("2026-11-28T14:00:00Z");
    expect(await t.db.transaction((tx) => lockDueBatches(tx, new Date(cutoff.getTime() - 1000)))).toBe(0);
    const first = await t.db.transaction((tx) => lockDueBatches(tx, cutoff));
    const second = await t.db.transaction((tx) => lockDueBatches(tx, cutoff));
    expect(first).toBeGreaterThanOrEqual(1);
    expect(second).toBe(0);
    const [batch] = await t.db.select().from(s.batches).where(eq(s.batches.id, batch_id));
    expect(batch).toMatchObject({ status: "locked", lockedAt: cutoff });
    // Even with the clock set back before the cutoff, a new order cannot join the locked batch.
    const late = await w.batchOf(await w.order(BEFORE));
    expect(late.batch_id).not.toBe(batch_id);
    expect(late.delivery_day).toBe("2026-11-30");
  });

  it("two sweeps racing on separate connections lock each batch exactly once", async () => {
    const w = await world();
    for (let i = 0; i < 5; i++) await w.order(new Date(BEFORE.getTime() - i * 86_400_000));
    const at = new Date("2026-12-01T00:00:00Z");
    const [due] = await rowsOf<{ n: number }>(
      t.db.execute(sql`select count(*)::int as n from batches where status = 'open' and locks_at <= ${at}`),
    );
    expect(due!.n).toBeGreaterThanOrEqual(5);
    const counts = await Promise.all([1, 2, 3].map(() => t.db.transaction((tx) => lockDueBatches(tx, at))));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(due!.n);
  });

  it("dispatch → receive → ready (the buyer is told) → handover completes and records the payment", async () => {
    const w = await world();
    const { number, code } = await readyOrder(w);
    const order = await getMyOrder(w.buyer, number);
    expect(order.status).toBe("ready_for_pickup");
    const notes = await t.db.select().from(s.notifications).where(eq(s.notifications.userId, w.buyer.userId));
    expect(notes.map((n) => n.kind)).toContain("order_ready");
    const done = await redeemPickupCode(w.manager, { stationId: w.station.id, code });
    expect(done).toMatchObject({ number, buyerName: "张小禾", collectFen: 6980 });
    expect(await getMyOrder(w.buyer, number)).toMatchObject({
      status: "completed",
      paymentStatus: "paid",
      pickupCode: null,
    });
    await expect(redeemPickupCode(w.manager, { stationId: w.station.id, code })).rejects.toMatchObject({
      code: "INVALID_STATE",
    });
  });

  it("a batch cannot be dispatched before it locks (the refusal names the cutoff and the day), nor received before it is dispatched", async () => {
    const w = await world();
    const { batch_id } = await w.batchOf(await w.order(BEFORE));
    await expect(dispatchBatch(w.member, { batchId: batch_id })).rejects.toMatchObject({
      code: "BEFORE_CUTOFF",
      params: { time: "22:00", day: "2026-11-29" },
    });
    expect(errorMessage("BEFORE_CUTOFF", "zh-CN", { time: "22:00", day: "2026-11-29" })).toBe(
      "截单后(22:00)才能发货:11月29日(周日)到站的这批订单还在接单中。",
    );
    await expect(receiveBatch(w.manager, { batchId: batch_id })).rejects.toMatchObject({ code: "INVALID_STATE" });
  });

  it("authorization: another station's manager, another cooperative", async () => {
    const w = await world();
    const { batch_id } = await w.batchOf(await w.order(BEFORE));
    await t.db.transaction((tx) => lockDueBatches(tx, AFTER));
    const stranger = await createViewer(t.db, { memberships: [{ kind: "coop", scopeId: "coop_else" }] });
    await expect(dispatchBatch(stranger, { batchId: batch_id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getPickList(stranger, w.coop.id, "2026-11-29")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await dispatchBatch(w.member, { batchId: batch_id });
    await expect(receiveBatch(w.otherManager, { batchId: batch_id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const list = await getPickList(w.member, w.coop.id, "2026-11-29");
    expect(list.stations[0]?.bags[0]).toMatchObject({ buyerName: "张小禾" });
    expect(list.stations[0]?.totals[0]).toMatchObject({ productNameZh: "湖墩大米", quantity: 1 });
  });

  it("the pick list exports as CSV: the header, one CRLF line per bagged item, formula cells neutralised", async () => {
    const w = await world();
    const number = await w.order(BEFORE, 2);
    await t.db.update(s.users).set({ name: '=HYPERLINK("x")' }).where(eq(s.users.id, w.buyer.userId));
    const [station] = await t.db.select().from(s.stations).where(eq(s.stations.id, w.station.id));
    expect(await pickListCsv(w.member, w.coop.id, "2026-11-29")).toBe(
      "delivery_day,station,order_number,buyer,product,variant,quantity\r\n" +
        `2026-11-29,${station!.nameZh},${number},"'=HYPERLINK(""x"")",湖墩大米,标准装,2\r\n`,
    );
  });
});

describe("handover by pickup code", () => {
  it("another station's code answers exactly like a wrong code", async () => {
    const w = await world();
    const { code } = await readyOrder(w);
    const viaOther = await redeemPickupCode(w.otherManager, { stationId: w.other.id, code }).catch((e) => e);
    const wrong = await redeemPickupCode(w.otherManager, {
      stationId: w.other.id,
      code: code === "000000" ? "000001" : "000000",
    }).catch((e) => e);
    expect({ code: viaOther.code, fields: viaOther.fields, message: viaOther.message }).toEqual({
      code: wrong.code,
      fields: wrong.fields,
      message: wrong.message,
    });
    await expect(redeemPickupCode(w.otherManager, { stationId: w.station.id, code })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("10 wrong codes a minute, then 429 — even for the right code; every attempt is logged", async () => {
    const w = await world();
    const { code } = await readyOrder(w);
    const wrongCode = code === "123456" ? "654321" : "123456";
    for (let i = 0; i < 10; i++)
      await expect(redeemPickupCode(w.manager, { stationId: w.station.id, code: wrongCode })).rejects.toMatchObject({
        code: "VALIDATION",
      });
    await expect(redeemPickupCode(w.manager, { stationId: w.station.id, code })).rejects.toMatchObject({
      code: "RATE_LIMITED",
      status: 429,
    });
    const attempts = await t.db.select().from(s.pickupAttempts).where(eq(s.pickupAttempts.stationId, w.station.id));
    expect(attempts.filter((a) => a.outcome === "wrong")).toHaveLength(10);
    expect(attempts.filter((a) => a.outcome === "rate_limited")).toHaveLength(1);
  });

  it("two managers redeeming one code at once: exactly one succeeds", async () => {
    const w = await world();
    const { code } = await readyOrder(w);
    const second = await createViewer(t.db, { memberships: [{ kind: "station", scopeId: w.station.id }] });
    const results = await Promise.allSettled(
      [w.manager, second, w.manager].map((m) => redeemPickupCode(m, { stationId: w.station.id, code })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  });

  it("refuses malformed codes and non-managers", async () => {
    const w = await world();
    for (const code of ["12345", "abcdef", "1234567", ""])
      await expect(redeemPickupCode(w.manager, { stationId: w.station.id, code })).rejects.toMatchObject({
        name: "ZodError",
      });
    await expect(redeemPickupCode(w.buyer, { stationId: w.station.id, code: "123456" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});

describe("uncollected orders (过期退)", () => {
  it("expire once after N days: cancelled, stock back once as an expire movement, buyer told", async () => {
    const w = await world();
    const { number } = await readyOrder(w);
    const stock = async () => (await t.db.select().from(s.variants).where(eq(s.variants.id, w.variant.id)))[0]!.stock;
    expect(await stock()).toBe(99);
    const [ready] = await t.db.select({ readyAt: s.orders.readyAt }).from(s.orders).where(eq(s.orders.number, number));
    const early = new Date(ready!.readyAt!.getTime() + 3 * 86_400_000 - 60_000);
    expect(await t.db.transaction((tx) => expireUncollected(tx, early))).toBe(0);
    const due = new Date(ready!.readyAt!.getTime() + 3 * 86_400_000);
    await Promise.all([1, 2].map(() => t.db.transaction((tx) => expireUncollected(tx, due))));
    expect(await t.db.transaction((tx) => expireUncollected(tx, due))).toBe(0);
    expect(await getMyOrder(w.buyer, number)).toMatchObject({ status: "cancelled", cancelReason: "uncollected" });
    expect(await stock()).toBe(100);
    const moves = await t.db
      .select()
      .from(s.inventoryMovements)
      .where(and(eq(s.inventoryMovements.variantId, w.variant.id), eq(s.inventoryMovements.reason, "expire")));
    expect(moves).toHaveLength(1);
    expect(moves[0]).toMatchObject({ delta: 1, refType: "order" });
    const notes = await t.db
      .select()
      .from(s.notifications)
      .where(and(eq(s.notifications.userId, w.buyer.userId), eq(s.notifications.kind, "order_expired")));
    expect(notes).toHaveLength(1);
    expect(await stockInvariantViolations(t.db)).toEqual([]);
  });

  it("a paid order that expires calls the refund hook exactly once", async () => {
    const w = await world();
    const { number } = await readyOrder(w);
    await t.db.update(s.orders).set({ paymentStatus: "paid" }).where(eq(s.orders.number, number));
    const far = new Date(Date.now() + 30 * 86_400_000);
    await t.db.transaction((tx) => expireUncollected(tx, far));
    await t.db.transaction((tx) => expireUncollected(tx, far));
    const [order] = await t.db.select().from(s.orders).where(eq(s.orders.number, number));
    const refunds = await t.db.select().from(s.refunds).where(eq(s.refunds.orderId, order!.id));
    expect(refunds).toHaveLength(1);
    expect(refunds[0]).toMatchObject({ amountFen: 6980, reason: "uncollected", idempotencyKey: `refund:${order!.id}` });
    expect(order!.paymentStatus).toBe("refund_pending");
  });
});
