import "server-only";
import { and, eq, lte, sql } from "drizzle-orm";
import { schema as s, type Tx } from "../db";
import { notify } from "../events";
import { cancelOrderInTx } from "./cancel";

/**
 * 过期退: orders still waiting at their station N days after they became ready (N per station) are cancelled,
 * their stock goes back to the cooperative's books (an `expire` movement), paid ones are refunded through the
 * refund hook, and the buyer is told. Rows are taken with SKIP LOCKED so several instances share the work.
 */
export async function expireUncollected(tx: Tx, at: Date, limit = 100): Promise<number> {
  const due = await tx
    .select({ order: s.orders })
    .from(s.orders)
    .innerJoin(s.stations, eq(s.stations.id, s.orders.stationId))
    .where(
      and(
        eq(s.orders.status, "ready_for_pickup"),
        lte(sql`${s.orders.readyAt} + make_interval(days => ${s.stations.pickupExpiryDays})`, at),
      ),
    )
    .limit(limit)
    .for("update", { of: s.orders, skipLocked: true });
  for (const { order } of due) {
    await cancelOrderInTx(tx, order, { actorId: null, at, reason: "uncollected", stockReason: "expire" });
    await notify(tx, {
      userId: order.buyerId,
      kind: "order_expired",
      params: { number: order.number },
      link: `/orders/${order.number}`,
      dedupeKey: `expired:${order.id}`,
    });
  }
  return due.length;
}
