import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { getDb, schema as s, type Tx } from "../db";
import { notify } from "../events";
import { formatFen } from "../core/money";
import { paidAttempt } from "./attempts";
import { createRefund } from "./stripe";

/**
 * Carries out requested refunds with Stripe, each with its own idempotency key (`refund:<order>[:part]`), so a
 * retry or a second instance never refunds twice. Rows are taken with SKIP LOCKED.
 */
export async function processRefunds(limit = 20): Promise<number> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const due = await tx.select().from(s.refunds).where(eq(s.refunds.status, "requested")).limit(limit).for("update", { skipLocked: true });
    for (const r of due) {
      const payment = await paidAttempt(tx, r.orderId);
      if (!payment?.paymentIntentId) {
        await tx.update(s.refunds).set({ status: "failed", updatedAt: new Date() }).where(eq(s.refunds.id, r.id));
        continue;
      }
      try {
        const done = await createRefund(payment.paymentIntentId, r.amountFen, r.idempotencyKey);
        await tx.update(s.refunds).set({ status: done.status === "succeeded" ? "succeeded" : "pending", providerRefundId: done.id, updatedAt: new Date() }).where(eq(s.refunds.id, r.id));
        await settleOrderRefundState(tx, r.orderId);
      } catch (err) {
        console.warn("[refunds] will retry:", (err as Error).message);
      }
    }
    return due.length;
  });
}

/** Refund events from Stripe move our rows along (by provider refund id). */
export async function applyRefundUpdates(tx: Tx, updates: { id: string; status: string }[]): Promise<void> {
  for (const u of updates) {
    const status = u.status === "succeeded" ? "succeeded" : u.status === "failed" || u.status === "canceled" ? "failed" : "pending";
    const rows = await tx.update(s.refunds).set({ status, updatedAt: new Date() }).where(eq(s.refunds.providerRefundId, u.id)).returning({ orderId: s.refunds.orderId });
    for (const r of rows) await settleOrderRefundState(tx, r.orderId);
  }
}

/** The order's payment status follows its refunds: all paid money back → refunded; some → partially_refunded. */
async function settleOrderRefundState(tx: Tx, orderId: string): Promise<void> {
  const [paid] = await tx
    .select({ amount: sql<number>`coalesce(max(${s.payments.amountFen}), 0)::int` })
    .from(s.payments)
    .where(and(eq(s.payments.orderId, orderId), inArray(s.payments.status, ["paid", "authorized"])));
  const [back] = await tx.select({ amount: sql<number>`coalesce(sum(${s.refunds.amountFen}), 0)::int` }).from(s.refunds).where(and(eq(s.refunds.orderId, orderId), eq(s.refunds.status, "succeeded")));
  if (!back?.amount) return;
  const status = back.amount >= (paid?.amount ?? 0) ? "refunded" : "partially_refunded";
  const [order] = await tx.update(s.orders).set({ paymentStatus: status, updatedAt: new Date() }).where(eq(s.orders.id, orderId)).returning();
  if (order) {
    await notify(tx, { userId: order.buyerId, kind: "refund_issued", params: { number: order.number, amount: formatFen(back.amount) }, link: `/orders/${order.number}`, dedupeKey: `refund:${order.id}:${back.amount}` });
  }
}
