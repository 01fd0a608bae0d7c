import "server-only";
import { and, asc, eq, inArray, isNull, lte, ne, or, sql } from "drizzle-orm";
import { isAppError } from "../core/errors";
import { newId } from "../core/ids";
import { now } from "../core/clock";
import { formatFen } from "../core/money";
import { getDb, schema as s, type Db, type Tx } from "../db";
import { notify } from "../events";
import { amountDueFen, postOrderRefunds, voidRefundPostings } from "../ledger";
import { paidAttempt } from "./attempts";
import type { ChargeView } from "./contract";
import { createRefund } from "./stripe";

/** How long a claimed refund is left to the run that claimed it before the sweep sends it again. */
export const REFUND_LEASE_MS = 5 * 60_000;

interface ClaimedRefund {
  id: string;
  orderId: string;
  amountFen: number;
  idempotencyKey: string;
  paymentIntentId: string;
}

/**
 * Carries out requested refunds with Stripe, each with its own idempotency key (`refund:<order>[:part]`), and
 * never with a transaction open while Stripe answers: the due rows are claimed (a lease, `claimed_until`) in a
 * short transaction taken with SKIP LOCKED, then each is sent, then its outcome is recorded in a new transaction.
 * A refund whose call fails or hangs stays claimed and is sent again when its lease has run out (a crash between
 * the call and the record is repaired the same way); its key makes the repeat refund nothing twice. A Stripe
 * outage stops the run, and the refunds it had not sent yet are handed back for the next one.
 */
export async function processRefunds(limit = 20): Promise<number> {
  const db = await getDb();
  const claimed = await claimRefunds(db, limit);
  for (const [i, r] of claimed.entries()) {
    let done: { id: string; status: string };
    try {
      done = await createRefund(r.paymentIntentId, r.amountFen, r.idempotencyKey);
    } catch (err) {
      const outage = isAppError(err) && err.code === "PAYMENT_PROVIDER";
      const message = (err as Error).message.slice(0, 300);
      // An outage keeps the claim (sent again after the lease); a refusal (already refunded, bad amount) is final.
      await db
        .update(s.refunds)
        .set(
          outage
            ? { lastError: message, updatedAt: new Date() }
            : { status: "failed", lastError: message, claimedUntil: null, updatedAt: new Date() },
        )
        .where(and(eq(s.refunds.id, r.id), eq(s.refunds.status, "requested")));
      console.warn(outage ? "[refunds] Stripe unavailable, will retry:" : "[refunds] refused by Stripe:", message);
      if (!outage) continue;
      // Those claimed with it but not sent yet go back for the next run.
      const unsent = claimed.slice(i + 1).map((x) => x.id);
      if (unsent.length)
        await db
          .update(s.refunds)
          .set({ claimedUntil: null, attempts: sql`${s.refunds.attempts} - 1` })
          .where(inArray(s.refunds.id, unsent));
      break;
    }
    await db.transaction(async (tx) => {
      // A refund recorded from its charge before this record (a webhook without the app's key) is this one: the
      // twin goes, and what the ledger posted for it is reversed.
      const twins = await tx
        .delete(s.refunds)
        .where(and(eq(s.refunds.providerRefundId, done.id), eq(s.refunds.reason, "provider"), ne(s.refunds.id, r.id)))
        .returning({ id: s.refunds.id });
      for (const twin of twins) await voidRefundPostings(tx, twin.id, now());
      const rows = await tx
        .update(s.refunds)
        .set({
          status: refundStatus(done.status),
          providerRefundId: done.id,
          claimedUntil: null,
          lastError: null,
          updatedAt: new Date(),
        })
        .where(and(eq(s.refunds.id, r.id), eq(s.refunds.status, "requested")))
        .returning({ id: s.refunds.id });
      if (rows.length) await settleOrderRefundState(tx, r.orderId);
    });
  }
  return claimed.length;
}

/** Takes the due refunds (requested, unclaimed or with a lapsed lease) for this run, in one short transaction. */
async function claimRefunds(db: Db, limit: number): Promise<ClaimedRefund[]> {
  return db.transaction(async (tx) => {
    const at = now();
    const due = await tx
      .select()
      .from(s.refunds)
      .where(
        and(
          eq(s.refunds.status, "requested"),
          // Cash refunds are handed back at the counter, not sent to Stripe.
          eq(s.refunds.method, "provider"),
          or(isNull(s.refunds.claimedUntil), lte(s.refunds.claimedUntil, at)),
        ),
      )
      .orderBy(asc(s.refunds.createdAt))
      .limit(limit)
      .for("update", { skipLocked: true });
    const out: ClaimedRefund[] = [];
    for (const r of due) {
      const payment = await paidAttempt(tx, r.orderId);
      if (!payment?.paymentIntentId) {
        await tx
          .update(s.refunds)
          .set({ status: "failed", lastError: "no payment to refund", claimedUntil: null, updatedAt: at })
          .where(eq(s.refunds.id, r.id));
        continue;
      }
      await tx
        .update(s.refunds)
        .set({
          claimedUntil: new Date(at.getTime() + REFUND_LEASE_MS),
          attempts: sql`${s.refunds.attempts} + 1`,
          updatedAt: at,
        })
        .where(eq(s.refunds.id, r.id));
      out.push({
        id: r.id,
        orderId: r.orderId,
        amountFen: r.amountFen,
        idempotencyKey: r.idempotencyKey,
        paymentIntentId: payment.paymentIntentId,
      });
    }
    return out;
  });
}

const refundStatus = (stripeStatus: string): "succeeded" | "failed" | "pending" =>
  stripeStatus === "succeeded"
    ? "succeeded"
    : stripeStatus === "failed" || stripeStatus === "canceled"
      ? "failed"
      : "pending";

/** Refund events from Stripe move our rows along (by provider refund id). */
export async function applyRefundUpdates(tx: Tx, updates: { id: string; status: string }[]): Promise<void> {
  for (const u of updates) {
    const rows = await tx
      .update(s.refunds)
      .set({ status: refundStatus(u.status), updatedAt: new Date() })
      .where(eq(s.refunds.providerRefundId, u.id))
      .returning({ orderId: s.refunds.orderId });
    for (const r of rows) await settleOrderRefundState(tx, r.orderId);
  }
}

/**
 * A charge as Stripe has it now (re-fetched after a refund event) brings every refund on it into our rows: the
 * app's own (known by Stripe's id, or by the app's key in the refund's metadata when the event came before the
 * app recorded the answer) move to Stripe's status; a refund made elsewhere (the Stripe dashboard) is recorded
 * once, keyed by Stripe's id, with reason "provider". Then each order's payment status follows its refunds, and
 * its buyer is told once per amount given back.
 */
export async function applyChargeRefunds(tx: Tx, charge: ChargeView): Promise<void> {
  const touched = new Set<string>();
  for (const r of charge.refunds) {
    const status = refundStatus(r.status);
    let rows = await tx
      .update(s.refunds)
      .set({ status, updatedAt: new Date() })
      .where(eq(s.refunds.providerRefundId, r.id))
      .returning({ orderId: s.refunds.orderId });
    if (!rows.length && r.key) {
      rows = await tx
        .update(s.refunds)
        .set({ status, providerRefundId: r.id, claimedUntil: null, updatedAt: new Date() })
        .where(and(eq(s.refunds.idempotencyKey, r.key), isNull(s.refunds.providerRefundId)))
        .returning({ orderId: s.refunds.orderId });
    }
    if (!rows.length && !r.key && charge.paymentIntentId && r.amountFen > 0) {
      const [payment] = await tx
        .select({ orderId: s.payments.orderId })
        .from(s.payments)
        .where(eq(s.payments.paymentIntentId, charge.paymentIntentId));
      if (payment) {
        // Keyed twice (the provider id and `provider:<id>`): a second delivery, even a concurrent one, adds nothing.
        rows = await tx
          .insert(s.refunds)
          .values({
            id: newId("rfd"),
            orderId: payment.orderId,
            amountFen: r.amountFen,
            reason: "provider",
            idempotencyKey: `provider:${r.id}`,
            status,
            providerRefundId: r.id,
          })
          .onConflictDoNothing()
          .returning({ orderId: s.refunds.orderId });
      }
    }
    for (const row of rows) touched.add(row.orderId);
  }
  for (const orderId of touched) await settleOrderRefundState(tx, orderId);
}

/**
 * The order's payment status follows its refunds: all paid money back → refunded; some → partially_refunded. The
 * ledger posts what the refunds' new states call for (a refund paid back clears refunds payable).
 */
export async function settleOrderRefundState(tx: Tx, orderId: string): Promise<void> {
  await postOrderRefunds(tx, orderId, now());
  const [paid] = await tx
    .select({ amount: sql<number>`coalesce(max(${s.payments.amountFen}), 0)::int` })
    .from(s.payments)
    .where(and(eq(s.payments.orderId, orderId), inArray(s.payments.status, ["paid", "authorized"])));
  const [back] = await tx
    .select({ amount: sql<number>`coalesce(sum(${s.refunds.amountFen}), 0)::int` })
    .from(s.refunds)
    .where(and(eq(s.refunds.orderId, orderId), eq(s.refunds.status, "succeeded")));
  if (!back?.amount) return;
  // Paid in cash (at the station or the door), what was paid is what the buyer owed at handover.
  const [cash] = await tx
    .select({ method: s.orders.paymentMethod, fee: s.orders.deliveryFeeFen })
    .from(s.orders)
    .where(eq(s.orders.id, orderId));
  const paidFen =
    cash && cash.method !== "online"
      ? amountDueFen(
          await tx
            .select({ status: s.orderLines.status, lineTotalFen: s.orderLines.lineTotalFen })
            .from(s.orderLines)
            .where(eq(s.orderLines.orderId, orderId)),
          cash.fee,
        )
      : (paid?.amount ?? 0);
  const status = back.amount >= paidFen ? "refunded" : "partially_refunded";
  const [order] = await tx
    .update(s.orders)
    .set({ paymentStatus: status, updatedAt: new Date() })
    .where(eq(s.orders.id, orderId))
    .returning();
  if (order) {
    await notify(tx, {
      userId: order.buyerId,
      kind: "refund_issued",
      params: { number: order.number, amount: formatFen(back.amount) },
      link: `/orders/${order.number}`,
      dedupeKey: `refund:${order.id}:${back.amount}`,
    });
  }
}
