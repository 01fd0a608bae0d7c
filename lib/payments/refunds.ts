import "server-only";
import { eq, sql } from "drizzle-orm";
import { newId } from "../core/ids";
import { schema as s, type Tx } from "../db";

/**
 * THE refund hook point. Every cancellation of a paid order calls this, inside the cancelling
 * transaction: it records what must be given back, once per (order, reason) thanks to the idempotency key
 * `refund:<order>[:<part>]`. The payments module carries the refund out with the provider after commit.
 */
export async function requestRefund(
  tx: Tx,
  r: { orderId: string; amountFen: number; reason: string; part?: string },
): Promise<{ created: boolean }> {
  if (r.amountFen <= 0) return { created: false };
  const key = r.part ? `refund:${r.orderId}:${r.part}` : `refund:${r.orderId}`;
  const rows = await tx
    .insert(s.refunds)
    .values({ id: newId("rfd"), orderId: r.orderId, amountFen: r.amountFen, reason: r.reason, idempotencyKey: key })
    .onConflictDoNothing({ target: s.refunds.idempotencyKey })
    .returning({ id: s.refunds.id });
  return { created: rows.length > 0 };
}

/** What has already been asked back for an order (so a later full refund takes only the rest). */
export async function refundedSoFar(tx: Tx, orderId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`coalesce(sum(${s.refunds.amountFen}), 0)::int` })
    .from(s.refunds)
    .where(eq(s.refunds.orderId, orderId));
  return row?.n ?? 0;
}
