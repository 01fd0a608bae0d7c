import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import { newId } from "../core/ids";
import { schema as s, type DbOrTx, type Tx } from "../db";
import type { CheckoutView } from "./contract";

export type PaymentRow = typeof s.payments.$inferSelect;

/** The next attempt number of an order's online payment (1, 2, …). */
export async function nextAttempt(db: DbOrTx, orderId: string): Promise<number> {
  const [row] = await db.select({ n: sql<number>`coalesce(max(${s.payments.attempt}), 0)::int` }).from(s.payments).where(eq(s.payments.orderId, orderId));
  return (row?.n ?? 0) + 1;
}

export async function recordAttempt(db: DbOrTx, orderId: string, attempt: number, session: CheckoutView, capture: "automatic" | "manual" = "automatic"): Promise<void> {
  await db
    .insert(s.payments)
    .values({ id: newId("pay"), orderId, attempt, checkoutSessionId: session.id, checkoutUrl: session.url, amountFen: session.amountFen, currency: session.currency, captureMethod: capture })
    .onConflictDoNothing();
}

export async function latestAttempt(db: DbOrTx, orderId: string): Promise<PaymentRow | null> {
  const [row] = await db.select().from(s.payments).where(eq(s.payments.orderId, orderId)).orderBy(desc(s.payments.attempt)).limit(1);
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

/** Brings the attempt in line with Stripe's session. */
export async function updateAttemptFromSession(tx: Tx, row: PaymentRow, session: CheckoutView, status: PaymentRow["status"]): Promise<void> {
  await tx
    .update(s.payments)
    .set({ status, paymentIntentId: session.paymentIntentId ?? row.paymentIntentId, updatedAt: new Date() })
    .where(eq(s.payments.id, row.id));
}

export async function markIntentFailed(tx: Tx, paymentIntentId: string, message: string | null): Promise<void> {
  await tx.update(s.payments).set({ failureMessage: message?.slice(0, 300) ?? "failed", updatedAt: new Date() }).where(eq(s.payments.paymentIntentId, paymentIntentId));
}
