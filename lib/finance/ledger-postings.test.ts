import { and, count, eq, inArray, sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { setClockForTests } from "../core/clock";
import * as s from "../db/schema";
import { createCoop, createProduct } from "../db/seed/factories";
import { setupTestDb } from "../db/test-db";
import { confirmReturnFromCheckout, startOnlinePayment } from "../orders/online-payment";
import { processRefunds } from "../payments";
import {
  actOnCoopLines,
  cancelMyOrder,
  handOverCashRefund,
  refundHandedOverLine,
} from "../../tests/support/forms/orders";
import { moneyWorld, type MoneyWorld } from "../../tests/support/money-world";
import { setupFakeStripe } from "../../tests/support/stripe";
import { createViewer, idemKey } from "../../tests/support/viewers";
import { accounts } from "../ledger/accounts";
import { balanceOf } from "../ledger/balances";
import { catchUpLedger } from "../ledger/catch-up";
import { ledgerViolations } from "../ledger/invariants";
import { postOrderFulfilled } from "../ledger/order-postings";

const t = setupTestDb();
const stripe = setupFakeStripe();
afterEach(() => setClockForTests(null));

/**
 * Each party's position as the platform owes it (positive) or is owed it (negative), and the money accounts — the
 * shared ones (platform, clearing, buyer funds, refunds payable) counted over this world's orders only, since the
 * file's tests share one database.
 */
async function books(w: MoneyWorld) {
  const orders = await t.db.select({ id: s.orders.id }).from(s.orders).where(eq(s.orders.buyerId, w.buyer.userId));
  const ids = orders.map((o) => o.id);
  const shared = async (account: string) =>
    ids.length
      ? Number(
          (
            await t.db
              .select({ fen: sql<string>`coalesce(sum(${s.ledgerEntries.amountFen}), 0)` })
              .from(s.ledgerEntries)
              .where(and(eq(s.ledgerEntries.accountId, account), inArray(s.ledgerEntries.orderId, ids)))
          )[0]!.fen,
        )
      : 0;
  const owed = async (id: string) => 0 - (await balanceOf(t.db, [id]));
  return {
    cooperative: await owed(accounts.coop(w.coop.id)),
    streamer: await owed(accounts.streamer(w.streamer.userId)),
    station: await owed(accounts.station(w.station.id)),
    platform: 0 - (await shared(accounts.platformRevenue)),
    stationCash: await balanceOf(t.db, [accounts.stationCash(w.station.id)]),
    clearing: await shared(accounts.clearing),
    buyerFunds: 0 - (await shared(accounts.buyerFunds)),
    refundsPayable: 0 - (await shared(accounts.refundsPayable)),
  };
}
const journals = async (orderId?: string) =>
  (
    await t.db
      .select({ n: count() })
      .from(s.ledgerJournals)
      .where(orderId ? eq(s.ledgerJournals.orderId, orderId) : undefined)
  )[0]!.n;
const refundLine = (w: MoneyWorld, number: string, lineId: string, amount: string) =>
  refundHandedOverLine(w.member, {
    number,
    coopId: w.coop.id,
    lineId,
    amount,
    reason: "破袋",
    idempotencyKey: idemKey(),
  });

describe("postings from the order book", () => {
  it("a live drop of 湖墩大米 paid at the station: the till takes ¥128, then 10 % / 5 % / 3 % and the rest", async () => {
    const w = await moneyWorld(t.db);
    const sessionId = await w.goLiveWithRice();
    const number = await w.dropSale(sessionId, "128", 1);
    await w.toStation([number]);
    expect(await journals()).toBe(0);
    const handed = await w.handOver(number);
    expect(handed).toMatchObject({ collectFen: 12800 });
    expect(await books(w)).toEqual({
      cooperative: 10496,
      streamer: 1280,
      station: 640,
      platform: 384,
      stationCash: 12800,
      clearing: 0,
      buyerFunds: 0,
      refundsPayable: 0,
    });
    // Posting again — the path, the catch-up, both at once — posts nothing twice.
    const order = await w.orderOf(number);
    const before = await journals(order.id);
    expect(before).toBe(2); // cash, and the line earned
    await t.db.transaction((tx) => postOrderFulfilled(tx, order.id, new Date()));
    expect(await catchUpLedger(t.db, new Date())).toEqual({ payments: 0, orders: 0, refunds: 0 });
    await Promise.all([
      t.db.transaction((tx) => postOrderFulfilled(tx, order.id, new Date())),
      t.db.transaction((tx) => postOrderFulfilled(tx, order.id, new Date())),
    ]);
    expect(await journals(order.id)).toBe(before);
    expect(await ledgerViolations(t.db)).toEqual([]);
  });

  it("a refund after handover reverses each share; paid at the station, the station hands the cash back", async () => {
    const w = await moneyWorld(t.db);
    const sessionId = await w.goLiveWithRice();
    const number = await w.dropSale(sessionId, "128", 1);
    await w.toStation([number]);
    await w.handOver(number);
    const [line] = await w.linesOf(number);
    const half = await refundLine(w, number, line!.id, "64.00");
    expect(half).toMatchObject({ method: "cash", amountFen: 6400, status: "requested" });
    // What the line keeps (¥64) is shared again by the same rule: 640 / 320 / 192 / 5248.
    expect(await books(w)).toMatchObject({
      cooperative: 5248,
      streamer: 640,
      station: 320,
      platform: 192,
      stationCash: 12800,
      refundsPayable: 6400,
    });
    expect(await ledgerViolations(t.db)).toEqual([]);
    // Someone else's station cannot hand it back; the right one can, once.
    const otherManager = await createViewer(t.db, { memberships: [{ kind: "station", scopeId: "stn_elsewhere" }] });
    await expect(
      handOverCashRefund(otherManager, { stationId: "stn_elsewhere", refundId: half.refundId }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await handOverCashRefund(w.manager, { stationId: w.station.id, refundId: half.refundId })).toEqual({
      amountFen: 6400,
    });
    await expect(
      handOverCashRefund(w.manager, { stationId: w.station.id, refundId: half.refundId }),
    ).rejects.toMatchObject({ code: "INVALID_STATE" });
    expect(await books(w)).toMatchObject({ stationCash: 6400, refundsPayable: 0 });
    expect(await w.orderOf(number)).toMatchObject({ paymentStatus: "partially_refunded" });
    // The rest, then a fen more than is left.
    await refundLine(w, number, line!.id, "64.00");
    await expect(refundLine(w, number, line!.id, "0.01")).rejects.toMatchObject({
      code: "VALIDATION",
      fields: { amount: ["above_refundable"] },
    });
    // The first ¥64 went back over the counter; the second is owed until the station hands it back too.
    expect(await books(w)).toMatchObject({
      cooperative: 0,
      streamer: 0,
      station: 0,
      platform: 0,
      refundsPayable: 6400,
    });
    expect(await ledgerViolations(t.db)).toEqual([]);
  });

  it("the same refund form sent twice (or at once) refunds once", async () => {
    const w = await moneyWorld(t.db);
    const number = await w.shopOrder([{ variantId: w.riceVariant, quantity: 2 }]);
    await w.toStation([number]);
    await w.handOver(number);
    const [line] = await w.linesOf(number);
    const input = {
      number,
      coopId: w.coop.id,
      lineId: line!.id,
      amount: "10.00",
      reason: "少了一袋",
      idempotencyKey: idemKey(),
    };
    const [a, b] = await Promise.all([refundHandedOverLine(w.member, input), refundHandedOverLine(w.member, input)]);
    expect(a.refundId).toBe(b.refundId);
    expect(await refundHandedOverLine(w.member, input)).toMatchObject({ refundId: a.refundId });
    expect(await books(w)).toMatchObject({ refundsPayable: 1000 });
    // Another cooperative's member and a buyer see nothing to refund.
    const stranger = await createViewer(t.db, { memberships: [{ kind: "coop", scopeId: "coop_other" }] });
    await expect(
      refundHandedOverLine(stranger, { ...input, coopId: "coop_other", idempotencyKey: idemKey() }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(refundHandedOverLine(w.buyer, { ...input, idempotencyKey: idemKey() })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await ledgerViolations(t.db)).toEqual([]);
  });

  it("paid online: Stripe's money is held for the buyer, shared at handover, and a refund leaves through Stripe", async () => {
    const w = await moneyWorld(t.db);
    const number = await w.shopOrder([{ variantId: w.riceVariant, quantity: 1 }], { paymentMethod: "online" });
    const { url } = await startOnlinePayment(w.buyer, number, "http://shop.test");
    const sessionId = url.split("/pay/")[1]!;
    await stripe.fake.complete(sessionId, "paid");
    expect(await confirmReturnFromCheckout(w.buyer, number, sessionId)).toBe("paid");
    expect(await books(w)).toMatchObject({ clearing: 12800, buyerFunds: 12800, cooperative: 0, platform: 0 });
    await w.toStation([number]);
    expect(await w.handOver(number)).toMatchObject({ collectFen: 0 });
    expect(await books(w)).toEqual({
      cooperative: 11776, // 12800 − 640 − 384
      streamer: 0,
      station: 640,
      platform: 384,
      stationCash: 0,
      clearing: 12800,
      buyerFunds: 0,
      refundsPayable: 0,
    });
    const [line] = await w.linesOf(number);
    const r = await refundLine(w, number, line!.id, "28.00");
    expect(r).toMatchObject({ method: "provider", amountFen: 2800, status: "succeeded" });
    const sent = stripe.fake.requests.filter((q) => q.path === "/v1/refunds");
    expect(sent.map((q) => [q.body.amount, q.idempotencyKey])).toEqual([
      ["2800", `refund:${(await w.orderOf(number)).id}:after:${sent[0]!.idempotencyKey!.split(":after:")[1]}`],
    ]);
    // ¥100 kept: 500 / 300 / 9200; Stripe's balance is down by the refund.
    expect(await books(w)).toMatchObject({ cooperative: 9200, station: 500, platform: 300, clearing: 10000 });
    expect(await ledgerViolations(t.db)).toEqual([]);
  });

  it("paid online and cancelled before handover: the refund comes out of the money held, no share moves", async () => {
    const w = await moneyWorld(t.db);
    const number = await w.shopOrder([{ variantId: w.oilVariant, quantity: 1 }], { paymentMethod: "online" });
    const { url } = await startOnlinePayment(w.buyer, number, "http://shop.test");
    const sessionId = url.split("/pay/")[1]!;
    await stripe.fake.complete(sessionId, "paid");
    await confirmReturnFromCheckout(w.buyer, number, sessionId);
    await cancelMyOrder(w.buyer, { number });
    await processRefunds();
    expect(await books(w)).toMatchObject({
      clearing: 0,
      buyerFunds: 0,
      refundsPayable: 0,
      cooperative: 0,
      platform: 0,
      station: 0,
    });
    const kinds = await t.db
      .select({ kind: s.ledgerJournals.kind })
      .from(s.ledgerJournals)
      .where(eq(s.ledgerJournals.orderId, (await w.orderOf(number)).id))
      .orderBy(s.ledgerJournals.id);
    expect(kinds.map((k) => k.kind)).toEqual(["capture", "refund", "refund_paid"]);
    expect(await ledgerViolations(t.db)).toEqual([]);
  });

  it("a cooperative cancels its part before dispatch: the station collects only the rest, and the books agree", async () => {
    const w = await moneyWorld(t.db);
    const other = await createCoop(t.db);
    const peach = await createProduct(t.db, { coopId: other.id, variants: [{ priceFen: 3000, stock: 10 }] });
    const otherMember = await createViewer(t.db, { memberships: [{ kind: "coop", scopeId: other.id }] });
    const number = await w.shopOrder([
      { variantId: w.riceVariant, quantity: 1 },
      { variantId: peach.variants[0]!.id, quantity: 2 },
    ]);
    await actOnCoopLines(otherMember, { number, coopId: other.id, action: "cancel" });
    await w.toStation([number]);
    expect(await w.handOver(number)).toMatchObject({ totalFen: 18800, collectFen: 12800 });
    expect(await books(w)).toMatchObject({ stationCash: 12800, cooperative: 11776, station: 640, platform: 384 });
    expect(await balanceOf(t.db, [accounts.coop(other.id)])).toBe(0);
    expect(await ledgerViolations(t.db)).toEqual([]);
  });

  it("cash on delivery: the delivering cooperative keeps the cash and the fee; its balance is what it owes", async () => {
    const w = await moneyWorld(t.db);
    const cheap = await createProduct(t.db, { coopId: w.coop.id, variants: [{ priceFen: 5000, stock: 10 }] });
    const number = await w.deliveryOrder([{ variantId: cheap.variants[0]!.id, quantity: 1 }]);
    await w.deliver(number);
    // ¥50 + ¥8 delivery taken at the door; the line shares 150 to the platform, the fee is the cooperative's.
    expect(await books(w)).toMatchObject({ cooperative: -150, platform: 150, station: 0, buyerFunds: 0 });
    const [line] = await w.linesOf(number);
    await refundLine(w, number, line!.id, "50.00");
    // Handed back by the cooperative at once: it took ¥58, gave ¥50 back and keeps the ¥8 fee — nobody owes anybody.
    expect(await books(w)).toMatchObject({ cooperative: 0, platform: 0, refundsPayable: 0 });
    expect(await w.orderOf(number)).toMatchObject({ paymentStatus: "partially_refunded" });
    expect(await ledgerViolations(t.db)).toEqual([]);
  });

  it("a completed order from before the ledger is posted by the catch-up, dated when it was handed over", async () => {
    const w = await moneyWorld(t.db);
    const number = await w.shopOrder([{ variantId: w.oilVariant, quantity: 1 }]);
    await w.toStation([number]);
    const order = await w.orderOf(number);
    const handedAt = new Date("2026-11-20T03:00:00Z");
    // A ledger that has never caught up (as right after migration 0013): its first pass looks at everything.
    await t.db.delete(s.appMeta).where(eq(s.appMeta.key, "ledger_catch_up"));
    await t.db
      .update(s.orders)
      .set({ status: "completed", completedAt: handedAt, paymentStatus: "paid", updatedAt: handedAt })
      .where(eq(s.orders.id, order.id));
    expect(await catchUpLedger(t.db, new Date())).toEqual({ payments: 0, orders: 1, refunds: 0 });
    const posted = await t.db.select().from(s.ledgerJournals).where(eq(s.ledgerJournals.orderId, order.id));
    expect(posted.map((j) => [j.kind, j.postedAt.toISOString()])).toEqual([
      ["cash", handedAt.toISOString()],
      ["earned", handedAt.toISOString()],
    ]);
    expect(await catchUpLedger(t.db, new Date())).toEqual({ payments: 0, orders: 0, refunds: 0 });
    expect(await ledgerViolations(t.db)).toEqual([]);
  });
});
