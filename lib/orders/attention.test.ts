import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as s from "../db/schema";
import { createCoop, createProduct, createStation } from "../db/seed/factories";
import { setupTestDb } from "../db/test-db";
import { stockInvariantViolations } from "../inventory/invariant";
import { applyRefundUpdates, processRefunds, retryRefund } from "../payments";
import { createViewer, idemKey } from "../../tests/support/viewers";
import { deliver, setupFakeStripe } from "../../tests/support/stripe";
import { checkout } from "../../tests/support/forms/orders";
import { acceptPaymentReview, listNeedsAttention, refundPaymentReview, releaseStuckHold } from "./attention";
import { startOnlinePayment } from "./online-payment";

const t = setupTestDb();
const stripe = setupFakeStripe();

async function onlineOrder(priceFen = 6980) {
  const coop = await createCoop(t.db);
  const station = await createStation(t.db);
  const { variants } = await createProduct(t.db, { coopId: coop.id, variants: [{ priceFen, stock: 10 }] });
  const buyer = await createViewer(t.db, { name: "待审买家" });
  const { number } = await checkout(buyer, {
    idempotencyKey: idemKey(),
    lines: JSON.stringify([{ variantId: variants[0]!.id, quantity: 1 }]),
    fulfillment: "pickup",
    stationId: station.id,
    paymentMethod: "online",
  });
  const { url } = await startOnlinePayment(buyer, number, "http://shop.test");
  return { buyer, number, sessionId: url.split("/pay/")[1]!, variantId: variants[0]!.id };
}

const order = async (number: string) => (await t.db.select().from(s.orders).where(eq(s.orders.number, number)))[0]!;
const stockOf = async (id: string) => (await t.db.select().from(s.variants).where(eq(s.variants.id, id)))[0]!.stock;
const auditOf = (entityId: string) =>
  t.db.select().from(s.auditLog).where(eq(s.auditLog.entityId, entityId)).orderBy(s.auditLog.id);
const admin = () => createViewer(t.db, { name: "值班管理员", memberships: [{ kind: "admin" }] });

/** Stripe takes `takenFen` for the order (a mismatch puts it under review), and the webhook says so. */
async function paidUnderReview(takenFen: number) {
  const o = await onlineOrder();
  stripe.fake.sessions.get(o.sessionId)!.amount_total = takenFen;
  await stripe.fake.complete(o.sessionId, "paid");
  const ev = await stripe.fake.emit("checkout.session.completed", stripe.fake.sessions.get(o.sessionId)!, {
    deliver: false,
  });
  await deliver(ev.payload, ev.header);
  return o;
}

describe("needs attention: payments under review", () => {
  it("lists the order with its exact amounts; accepting it places it, paid, with a pickup code, and one audit row", async () => {
    const a = await admin();
    const o = await paidUnderReview(6900);
    const row = await order(o.number);
    expect(row).toMatchObject({ status: "awaiting_payment", paymentStatus: "needs_review" });
    const list = await listNeedsAttention(a);
    expect(list.reviews.filter((r) => r.number === o.number)).toEqual([
      expect.objectContaining({
        status: "awaiting_payment",
        buyerName: "待审买家",
        totalFen: 6980,
        paidFen: 6900,
        paidCurrency: "cny",
        attemptStatus: "paid",
        reviewReason: "paid 6900 cny for 6980 cny",
      }),
    ]);
    expect(list.totals.reviewsFen).toBe(list.reviews.reduce((x, r) => x + r.totalFen, 0));

    expect(await acceptPaymentReview(a, { number: o.number })).toEqual({ status: "placed", paymentStatus: "paid" });
    const after = await order(o.number);
    expect(after).toMatchObject({ status: "placed", paymentStatus: "paid", holdExpiresAt: null });
    expect(after.pickupCode).toMatch(/^\d{6}$/);
    expect(await auditOf(row.id)).toMatchObject([
      {
        actorId: a.userId,
        action: "order.accept_review",
        entityKind: "order",
        before: {
          status: "awaiting_payment",
          paymentStatus: "needs_review",
          reviewReason: "paid 6900 cny for 6980 cny",
        },
        after: { status: "placed", paymentStatus: "paid", number: o.number },
      },
    ]);
    const events = await t.db.select().from(s.orderEvents).where(eq(s.orderEvents.orderId, row.id));
    expect(events.filter((e) => e.toStatus === "placed")).toMatchObject([
      { fromStatus: "awaiting_payment", actorId: a.userId, note: "payment accepted on review" },
    ]);
    expect((await listNeedsAttention(a)).reviews.map((r) => r.number)).not.toContain(o.number);
  });

  it("accepting twice is refused (INVALID_STATE) and writes nothing more; so is accepting at once from two tabs", async () => {
    const a = await admin();
    const o = await paidUnderReview(100);
    const id = (await order(o.number)).id;
    const both = await Promise.allSettled([
      acceptPaymentReview(a, { number: o.number }),
      acceptPaymentReview(a, { number: o.number }),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    await expect(acceptPaymentReview(a, { number: o.number })).rejects.toMatchObject({ code: "INVALID_STATE" });
    expect(await auditOf(id)).toHaveLength(1);
    const events = await t.db.select().from(s.orderEvents).where(eq(s.orderEvents.orderId, id));
    expect(events.filter((e) => e.toStatus === "placed")).toHaveLength(1);
  });

  it("a non-admin is refused (NOT_FOUND; anonymous UNAUTHENTICATED) and the order stays under review", async () => {
    const o = await paidUnderReview(100);
    const coopMember = await createViewer(t.db, { memberships: [{ kind: "streamer" }] });
    await expect(acceptPaymentReview(o.buyer, { number: o.number })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(refundPaymentReview(coopMember, { number: o.number })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(acceptPaymentReview(null, { number: o.number })).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    await expect(listNeedsAttention(o.buyer)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await order(o.number)).paymentStatus).toBe("needs_review");
    expect(await auditOf((await order(o.number)).id)).toEqual([]);
  });

  it("refunding gives back exactly what Stripe took, once: the order is cancelled, its stock back, refunded", async () => {
    const a = await admin();
    const o = await paidUnderReview(5000);
    const row = await order(o.number);
    expect(await stockOf(o.variantId)).toBe(9);
    expect(await refundPaymentReview(a, { number: o.number })).toEqual({ refundFen: 5000 });
    await expect(refundPaymentReview(a, { number: o.number })).rejects.toMatchObject({ code: "INVALID_STATE" });
    await expect(acceptPaymentReview(a, { number: o.number })).rejects.toMatchObject({ code: "INVALID_STATE" });
    expect(await order(o.number)).toMatchObject({
      status: "cancelled",
      cancelReason: "payment_review_refund",
      paymentStatus: "refunded",
    });
    expect(await stockOf(o.variantId)).toBe(10);
    expect(stripe.fake.executed(`refund:${row.id}`)).toBe(1);
    const pi = String(stripe.fake.sessions.get(o.sessionId)!.payment_intent);
    expect([...stripe.fake.refunds.values()].filter((r) => r.payment_intent === pi).map((r) => r.amount)).toEqual([
      5000,
    ]);
    expect(await auditOf(row.id)).toMatchObject([
      {
        actorId: a.userId,
        action: "order.refund_review",
        before: { status: "awaiting_payment", paymentStatus: "needs_review" },
        after: { status: "cancelled", paymentStatus: "refund_pending", refundFen: 5000 },
      },
    ]);
    expect(await stockInvariantViolations(t.db)).toEqual([]);
  });
});

describe("needs attention: failed refunds", () => {
  /** A paid order whose refund Stripe made, then reported failed (the bank sent it back). */
  async function failedRefund() {
    const o = await onlineOrder(4200);
    await stripe.fake.complete(o.sessionId, "paid");
    const ev = await stripe.fake.emit("checkout.session.completed", stripe.fake.sessions.get(o.sessionId)!, {
      deliver: false,
    });
    await deliver(ev.payload, ev.header);
    const row = await order(o.number);
    await t.db.insert(s.refunds).values({
      id: `rfd_${row.id}`,
      orderId: row.id,
      amountFen: 4200,
      reason: "cancel",
      idempotencyKey: `refund:${row.id}`,
    });
    await processRefunds();
    const [r] = await t.db
      .select()
      .from(s.refunds)
      .where(eq(s.refunds.id, `rfd_${row.id}`));
    await t.db.transaction((tx) => applyRefundUpdates(tx, [{ id: r!.providerRefundId!, status: "failed" }]));
    return { ...o, row, refundId: `rfd_${row.id}` };
  }

  it("lists it with its amount; two retries at once: one goes through, one is refused, Stripe refunds once, same key", async () => {
    const a = await admin();
    const f = await failedRefund();
    const listed = (await listNeedsAttention(a)).failedRefunds.filter((r) => r.id === f.refundId);
    expect(listed).toEqual([
      expect.objectContaining({ orderNumber: f.number, amountFen: 4200, reason: "cancel", attempts: 1 }),
    ]);
    const both = await Promise.allSettled([
      retryRefund(a, { refundId: f.refundId }),
      retryRefund(a, { refundId: f.refundId }),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(both.find((r) => r.status === "rejected")).toMatchObject({ reason: { code: "INVALID_STATE" } });
    const sent = stripe.fake.requests.filter(
      (r) => r.path === "/v1/refunds" && r.idempotencyKey === `refund:${f.row.id}`,
    );
    // The first attempt and the retry, under the same key; the SDK may resend either once after a timeout on a
    // loaded machine (maxNetworkRetries 1), so 2 to 4 requests, but Stripe carries out exactly one refund.
    expect(sent.length).toBeGreaterThanOrEqual(2);
    expect(sent.length).toBeLessThanOrEqual(4);
    expect(stripe.fake.executed(`refund:${f.row.id}`)).toBe(1);
    const pi = String(stripe.fake.sessions.get(f.sessionId)!.payment_intent);
    expect([...stripe.fake.refunds.values()].filter((r) => r.payment_intent === pi)).toHaveLength(1);
    const audit = await auditOf(f.refundId);
    expect(audit).toMatchObject([
      {
        actorId: a.userId,
        action: "refund.retry",
        entityKind: "refund",
        before: { status: "failed", attempts: 1, idempotencyKey: `refund:${f.row.id}` },
        after: { status: "requested", idempotencyKey: `refund:${f.row.id}` },
      },
    ]);
  });

  it("a refund that did not fail cannot be retried, a missing one is NOT_FOUND, a non-admin is refused", async () => {
    const a = await admin();
    const f = await failedRefund();
    await retryRefund(a, { refundId: f.refundId });
    const [r] = await t.db.select().from(s.refunds).where(eq(s.refunds.id, f.refundId));
    expect(r!.status).not.toBe("failed");
    await expect(retryRefund(a, { refundId: f.refundId })).rejects.toMatchObject({ code: "INVALID_STATE" });
    await expect(retryRefund(a, { refundId: "rfd_nope" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(retryRefund(f.buyer, { refundId: f.refundId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await auditOf(f.refundId)).toHaveLength(1);
  });
});

describe("needs attention: stuck payment holds", () => {
  it("an unpaid order past its hold is listed; releasing it expires its session, cancels it, returns its stock, once", async () => {
    const a = await admin();
    const o = await onlineOrder(1234);
    const row = await order(o.number);
    await expect(releaseStuckHold(a, { number: o.number })).rejects.toMatchObject({ code: "INVALID_STATE" });
    await t.db
      .update(s.orders)
      .set({ holdExpiresAt: new Date(Date.now() - 60_000) })
      .where(eq(s.orders.id, row.id));
    const listed = (await listNeedsAttention(a)).stuckHolds.filter((h) => h.number === o.number);
    expect(listed).toEqual([expect.objectContaining({ totalFen: 1234, openAttempts: 1, buyerName: "待审买家" })]);
    expect(await stockOf(o.variantId)).toBe(9);
    await expect(releaseStuckHold(o.buyer, { number: o.number })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await releaseStuckHold(a, { number: o.number })).toEqual({ outcome: "released" });
    await expect(releaseStuckHold(a, { number: o.number })).rejects.toMatchObject({ code: "INVALID_STATE" });
    expect(await order(o.number)).toMatchObject({ status: "cancelled", cancelReason: "payment_expired" });
    expect(stripe.fake.sessions.get(o.sessionId)!.status).toBe("expired");
    expect(await stockOf(o.variantId)).toBe(10);
    expect(await auditOf(row.id)).toMatchObject([
      {
        actorId: a.userId,
        action: "order.release_hold",
        before: { status: "awaiting_payment", paymentStatus: "pending" },
        after: { status: "cancelled", cancelReason: "payment_expired" },
      },
    ]);
    expect(
      await t.db
        .select()
        .from(s.refunds)
        .where(and(eq(s.refunds.orderId, row.id))),
    ).toEqual([]);
  });

  it("a hold whose session was paid meanwhile is not cancelled: the payment is applied and the order goes ahead", async () => {
    const a = await admin();
    const o = await onlineOrder(800);
    const row = await order(o.number);
    await t.db
      .update(s.orders)
      .set({ holdExpiresAt: new Date(Date.now() - 60_000) })
      .where(eq(s.orders.id, row.id));
    await stripe.fake.complete(o.sessionId, "paid"); // no webhook reaches the app
    expect(await releaseStuckHold(a, { number: o.number })).toEqual({ outcome: "paid" });
    expect(await order(o.number)).toMatchObject({ status: "placed", paymentStatus: "paid" });
    expect((await auditOf(row.id)).map((r) => [r.action, (r.after as { status: string }).status])).toEqual([
      ["order.release_hold", "placed"],
    ]);
  });
});
