import "server-only";
import { and, eq } from "drizzle-orm";
import { recordAudit } from "../audit";
import { assertAdmin } from "../auth";
import type { Viewer } from "../auth/contract";
import { AppError } from "../core/errors";
import { now } from "../core/clock";
import { getDb, schema as s } from "../db";
import type { RefundStatus, RetryRefundInput } from "./contract";
import { processRefunds } from "./process-refunds";
import { refundMachine } from "./refund-state";

/**
 * Admin: a failed refund goes back to requested (an explicit transition, with its `refund.retry` audit row in the
 * same transaction), then the refund job sends it — claimed with a lease, Stripe called with no transaction open
 * and under the refund's first idempotency key, so Stripe never refunds twice: a refund Stripe already made
 * answers again as it was. Two retries at once: the conditional update lets one through, the other is refused.
 */
export async function retryRefund(
  viewer: Viewer | null,
  { refundId }: RetryRefundInput,
): Promise<{ status: RefundStatus }> {
  assertAdmin(viewer);
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [r] = await tx.select().from(s.refunds).where(eq(s.refunds.id, refundId)).for("update");
    if (!r) throw new AppError("NOT_FOUND", "refund not found");
    refundMachine.assert(r.status, "requested");
    const moved = await tx
      .update(s.refunds)
      .set({ status: "requested", claimedUntil: null, lastError: null, updatedAt: now() })
      .where(and(eq(s.refunds.id, r.id), eq(s.refunds.status, "failed")))
      .returning({ id: s.refunds.id });
    if (!moved.length) throw new AppError("INVALID_STATE", "refund changed underneath");
    await recordAudit(tx, {
      actorId: viewer.userId,
      action: "refund.retry",
      entityKind: "refund",
      entityId: r.id,
      before: { status: r.status, lastError: r.lastError, attempts: r.attempts, idempotencyKey: r.idempotencyKey },
      after: { status: "requested", idempotencyKey: r.idempotencyKey },
    });
  });
  // After commit: the job claims it (SKIP LOCKED, a lease) and calls Stripe outside any transaction.
  await processRefunds().catch((err: unknown) => console.warn("[refunds]", (err as Error).message));
  const [after] = await db.select({ status: s.refunds.status }).from(s.refunds).where(eq(s.refunds.id, refundId));
  return { status: after!.status };
}
