import "server-only";
import { eq, sql } from "drizzle-orm";
import { now } from "../core/clock";
import { newId } from "../core/ids";
import { schema as s, type Tx } from "../db";
import { postRefund } from "../ledger";

/**
 * THE refund hook point. Every cancellation of a paid order calls this, inside the cancelling
 * transaction: it records what must be given back, once per (order, reason) thanks to the idempotency key
 * `refund:<order>[:<part>]`. The payments module carries the refund out with the provider after commit.
 */
export async function requestRefund(
  tx: Tx,
  r: {
    orderId: string;
    amountFen: number;
    reason: string;
    part?: string;
    /** 售后: the line given back; cash: handed back at `stationId` (or by the delivering cooperative). */
    orderLineId?: string;
    method?: "provider" | "cash";
    stationId?: string | null;
    requestedBy?: string | null;
  },
): Promise<{ created: boolean; id: string | null }> {
  if (r.amountFen <= 0) return { created: false, id: null };
  const key = r.part ? `refund:${r.orderId}:${r.part}` : `refund:${r.orderId}`;
  const rows = await tx
    .insert(s.refunds)
    .values({
      id: newId("rfd"),
      orderId: r.orderId,
      amountFen: r.amountFen,
      reason: r.reason,
      idempotencyKey: key,
      orderLineId: r.orderLineId ?? null,
      method: r.method ?? "provider",
      stationId: r.stationId ?? null,
      requestedBy: r.requestedBy ?? null,
    })
    .onConflictDoNothing({ target: s.refunds.idempotencyKey })
    .returning({ id: s.refunds.id });
  const id = rows[0]?.id ?? null;
  // Owed to the buyer from now: the ledger moves it to refunds payable in this transaction.
  if (id) await postRefund(tx, id, now());
  return { created: Boolean(id), id };
}

/** What has already been asked back for an order (so a later full refund takes only the rest). */
export async function refundedSoFar(tx: Tx, orderId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`coalesce(sum(${s.refunds.amountFen}), 0)::int` })
    .from(s.refunds)
    .where(eq(s.refunds.orderId, orderId));
  return row?.n ?? 0;
}
