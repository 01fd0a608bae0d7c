import "server-only";
import { and, eq, lte } from "drizzle-orm";
import { schema as s, type Tx } from "../db";
import { notify } from "../events";
import { cancelOrderInTx } from "../orders";

/**
 * The sweep closes campaigns whose window has ended, once each (SKIP LOCKED + a status change in the same
 * transaction). Below its minimum, a campaign fails: every order is cancelled (stock and money back, once)
 * and every buyer is told; otherwise it succeeds and its orders go on with their batches.
 */
export async function settleClosedCampaigns(
  tx: Tx,
  at: Date,
  limit = 20,
): Promise<{ succeeded: number; failed: number }> {
  const due = await tx
    .select()
    .from(s.campaigns)
    .where(and(eq(s.campaigns.status, "open"), lte(s.campaigns.closesAt, at)))
    .limit(limit)
    .for("update", { skipLocked: true });
  const result = { succeeded: 0, failed: 0 };
  for (const c of due) {
    const failed = c.minTotalQuantity !== null && c.sold < c.minTotalQuantity;
    await tx
      .update(s.campaigns)
      .set({ status: failed ? "failed" : "succeeded", settledAt: at, updatedAt: at })
      .where(eq(s.campaigns.id, c.id));
    const orders = await tx.select().from(s.orders).where(eq(s.orders.campaignId, c.id)).for("update");
    for (const order of orders) {
      if (failed && (order.status === "placed" || order.status === "confirmed")) {
        await cancelOrderInTx(tx, order, { actorId: null, at, reason: "campaign_failed" });
      }
      const kind = failed ? "campaign_failed" : "campaign_succeeded";
      if (order.status !== "cancelled" || failed) {
        await notify(tx, {
          userId: order.buyerId,
          kind,
          params: { title: c.titleZh, number: order.number },
          link: `/orders/${order.number}`,
          dedupeKey: `${kind}:${order.id}`,
        });
      }
    }
    result[failed ? "failed" : "succeeded"]++;
  }
  return result;
}
