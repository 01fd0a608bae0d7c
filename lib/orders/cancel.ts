import "server-only";
import { and, eq, ne, sql } from "drizzle-orm";
import { schema as s, type Tx } from "../db";
import type { MovementReason } from "../inventory/contract";
import { refundedSoFar, requestRefund } from "../payments";
import type { OrderStatus } from "./contract";
import { giveBackUnits } from "./give-back";
import { moveOrder, type Actor } from "./transitions";

/**
 * Cancels a locked order inside the caller's transaction: every live line is cancelled, its units go back once
 * (giveBackUnits), and the order moves to cancelled. The conditional status update in moveOrder
 * makes a second, concurrent cancellation fail instead of returning the stock twice.
 */
export async function cancelOrderInTx(
  tx: Tx,
  order: {
    id: string;
    status: OrderStatus;
    paymentStatus: string;
    totalFen: number;
    campaignId: string | null;
    dropId: string | null;
    buyerId: string;
  },
  actor: Actor & { reason: string; stockReason?: MovementReason },
): Promise<{ variantId: string; quantity: number; lineTotalFen: number; coopId: string }[]> {
  await moveOrder(tx, order, "cancelled", { ...actor, note: actor.reason }, { cancelReason: actor.reason });
  const lines = await tx
    .update(s.orderLines)
    .set({ status: "cancelled", updatedAt: actor.at })
    .where(and(eq(s.orderLines.orderId, order.id), ne(s.orderLines.status, "cancelled")))
    .returning({
      variantId: s.orderLines.variantId,
      quantity: s.orderLines.quantity,
      lineTotalFen: s.orderLines.lineTotalFen,
      coopId: s.orderLines.coopId,
    });
  await giveBackUnits(
    tx,
    order,
    lines,
    { refType: "order", refId: order.id, actorId: actor.actorId, note: actor.reason },
    actor.stockReason ?? "cancel",
  );
  // A 拼团 order cancelled after its team completed (by the buyer, the cooperative or the uncollected sweep):
  // the member leaves, the units go back to the deal's cap once (the status guard), and a card hold not yet
  // captured is released instead. A team's own failures and drops move their members first and give the cap
  // back themselves, so they never match here.
  const left = await tx
    .update(s.teamMembers)
    .set({
      status: "dropped",
      settleAction: sql`case when ${s.teamMembers.settleAction} = 'capture' then 'release' else ${s.teamMembers.settleAction} end`,
      updatedAt: actor.at,
    })
    .where(
      and(
        eq(s.teamMembers.orderId, order.id),
        eq(s.teamMembers.status, "joined"),
        sql`exists (select 1 from teams t where t.id = ${s.teamMembers.teamId} and t.status = 'completed')`,
      ),
    )
    .returning({ teamId: s.teamMembers.teamId, quantity: s.teamMembers.quantity });
  for (const m of left) {
    await tx
      .update(s.teamDeals)
      .set({ committed: sql`${s.teamDeals.committed} - ${m.quantity}`, updatedAt: actor.at })
      .where(sql`${s.teamDeals.id} = (select deal_id from teams where id = ${m.teamId})`);
  }
  // Money already taken goes back: the refund hook, once per order.
  if (order.paymentStatus === "paid") {
    const rest = order.totalFen - (await refundedSoFar(tx, order.id));
    await requestRefund(tx, { orderId: order.id, amountFen: rest, reason: actor.reason });
    await tx.update(s.orders).set({ paymentStatus: "refund_pending" }).where(eq(s.orders.id, order.id));
  }
  return lines;
}
