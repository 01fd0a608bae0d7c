import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import { now } from "../core/clock";
import { schema as s, type DbOrTx, type Tx } from "../db";
import { postPaymentCaptured } from "../ledger";
import type { CheckoutView } from "./contract";

export type PaymentRow = typeof s.payments.$inferSelect;

export async function latestAttempt(db: DbOrTx, orderId: string): Promise<PaymentRow | null> {
  const [row] = await db
    .select()
    .from(s.payments)
    .where(eq(s.payments.orderId, orderId))
    .orderBy(desc(s.payments.attempt))
    .limit(1);
  return row ?? null;
}

export async function attemptBySession(tx: Tx, sessionId: string): Promise<PaymentRow | null> {
  const [row] = await tx.select().from(s.payments).where(eq(s.payments.checkoutSessionId, sessionId)).for("update");
  return row ?? null;
}

export async function paidAttempt(db: DbOrTx, orderId: string): Promise<PaymentRow | null> {
  const [row] = await db
    .select()
    .from(s.payments)
    .where(and(eq(s.payments.orderId, orderId), sql`${s.payments.status} in ('paid', 'authorized')`))
    .limit(1);
  return row ?? null;
}

/**
 * Brings the attempt in line with Stripe's session. Paid or authorised, its amount and currency become what
 * Stripe took — the same as asked, unless the payment is one held for review — so refunds settle against it.
 */
export async function updateAttemptFromSession(
  tx: Tx,
  row: PaymentRow,
  session: CheckoutView,
  status: PaymentRow["status"],
): Promise<void> {
  const taken = (status === "paid" || status === "authorized") && session.amountFen > 0;
  await tx
    .update(s.payments)
    .set({
      status,
      paymentIntentId: session.paymentIntentId ?? row.paymentIntentId,
      ...(taken ? { amountFen: session.amountFen, currency: session.currency.toLowerCase() } : {}),
      updatedAt: new Date(),
    })
    .where(eq(s.payments.id, row.id));
  // Money taken: it reaches the platform's Stripe balance and is held for the buyer (once per attempt).
  if (status === "paid") await postPaymentCaptured(tx, row.id, now());
}

/** A captured card hold or a charge found on a failed team's member: the attempt is paid, and the ledger says so. */
export async function markAttemptPaid(tx: Tx, paymentId: string, at: Date): Promise<void> {
  await tx.update(s.payments).set({ status: "paid", updatedAt: at }).where(eq(s.payments.id, paymentId));
  await postPaymentCaptured(tx, paymentId, at);
}

export async function markIntentFailed(tx: Tx, paymentIntentId: string, message: string | null): Promise<void> {
  await tx
    .update(s.payments)
    .set({ failureMessage: message?.slice(0, 300) ?? "failed", updatedAt: new Date() })
    .where(eq(s.payments.paymentIntentId, paymentIntentId));
}
