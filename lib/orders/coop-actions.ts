import "server-only";
import { and, eq, ne, sql } from "drizzle-orm";
import { assertCoopMember } from "../auth";
import type { Viewer } from "../auth/contract";
import { AppError } from "../core/errors";
import { now } from "../core/clock";
import { getDb, schema as s, transactionWithRetry, type Tx } from "../db";
import { postOrderFulfilled } from "../ledger";
import { refundedSoFar, requestRefund } from "../payments";
import type { CoopLineActionInput, LineStatus, OrderStatus } from "./contract";
import { giveBackUnits } from "./give-back";
import { lockOrder, moveCoopLines, moveOrder } from "./transitions";

const lineMoves: Record<"confirm" | "dispatch", [LineStatus, LineStatus]> = {
  confirm: ["placed", "confirmed"],
  dispatch: ["confirmed", "dispatched"],
};

/**
 * A cooperative acts on its own lines of an order: confirm, dispatch, cancel (before dispatch; the stock comes
 * back), and for home delivery, out for delivery and delivered. Lines of other cooperatives are untouched;
 * an order without lines of this cooperative answers NOT_FOUND; an order still waiting for its online payment
 * answers INVALID_STATE (nothing of it is the cooperative's to confirm or cancel until it is paid).
 */
export async function actOnCoopLines(viewer: Viewer | null, input: CoopLineActionInput): Promise<OrderStatus> {
  assertCoopMember(viewer, input.coopId);
  const db = await getDb();
  return transactionWithRetry(db, async (tx) => {
    const order = await lockOrder(tx, { number: input.number });
    if (!order || !(await hasLinesOf(tx, order.id, input.coopId))) throw new AppError("NOT_FOUND", "order not found");
    // An unpaid online order is not the cooperative's to act on: it goes ahead when paid, or ends with its hold.
    if (order.status === "awaiting_payment")
      throw new AppError("INVALID_STATE", "the order is waiting for its online payment");
    if (order.channel === "team" && order.status === "placed") {
      throw new AppError("INVALID_STATE", "the team is still forming; its orders are confirmed when it completes");
    }
    const actor = { actorId: viewer.userId, at: now(), note: input.reason ?? null };
    switch (input.action) {
      case "confirm":
      case "dispatch": {
        if (input.action === "dispatch" && order.fulfillment === "pickup") {
          throw new AppError("DISPATCH_WITH_BATCH", "pickup orders leave with their station batch (pick list)");
        }
        const [from, to] = lineMoves[input.action];
        await moveCoopLines(tx, order, input.coopId, from, to, actor);
        break;
      }
      case "cancel": {
        const placed = await cancelable(tx, order.id, input.coopId);
        if (!placed) throw new AppError("INVALID_STATE", "nothing of this cooperative left to cancel before dispatch");
        const paid = order.paymentStatus === "paid";
        const moved = await moveCoopLines(tx, order, input.coopId, placed, "cancelled", {
          ...actor,
          note: input.reason ?? "coop_cancelled",
        });
        await giveBackUnits(
          tx,
          order,
          moved,
          { refType: "order", refId: order.id, actorId: viewer.userId, note: "coop_cancelled" },
          "cancel",
        );
        if (placed === "placed") await cancelRemainingConfirmed(tx, order, input.coopId, actor);
        // A paid order gets back the cancelled cooperative's part, or everything left when no line remains.
        if (paid && order.status === "cancelled") {
          await requestRefund(tx, {
            orderId: order.id,
            amountFen: order.totalFen - (await refundedSoFar(tx, order.id)),
            reason: "coop_cancelled",
          });
          await tx.update(s.orders).set({ paymentStatus: "refund_pending" }).where(eq(s.orders.id, order.id));
        } else if (paid) {
          const [part] = await tx
            .select({ fen: sql<number>`coalesce(sum(${s.orderLines.lineTotalFen}), 0)::int` })
            .from(s.orderLines)
            .where(
              and(
                eq(s.orderLines.orderId, order.id),
                eq(s.orderLines.coopId, input.coopId),
                eq(s.orderLines.status, "cancelled"),
              ),
            );
          await requestRefund(tx, {
            orderId: order.id,
            amountFen: part?.fen ?? 0,
            reason: "coop_cancelled",
            part: input.coopId,
          });
        }
        break;
      }
      case "out_for_delivery":
      case "delivered":
        if (order.fulfillment !== "delivery") throw new AppError("INVALID_STATE", "not a home delivery order");
        await moveOrder(
          tx,
          order,
          input.action === "delivered" ? "completed" : "out_for_delivery",
          { ...actor, coopId: input.coopId },
          input.action === "delivered" && order.paymentMethod === "cash_on_delivery" ? { paymentStatus: "paid" } : {},
        );
        // Delivered: the cash taken at the door and each line's shares are posted with it.
        if (input.action === "delivered") await postOrderFulfilled(tx, order.id, actor.at);
        break;
    }
    return order.status;
  });
}

async function hasLinesOf(tx: Tx, orderId: string, coopId: string): Promise<boolean> {
  const [line] = await tx
    .select({ id: s.orderLines.id })
    .from(s.orderLines)
    .where(and(eq(s.orderLines.orderId, orderId), eq(s.orderLines.coopId, coopId)))
    .limit(1);
  return Boolean(line);
}

async function cancelable(tx: Tx, orderId: string, coopId: string): Promise<"placed" | "confirmed" | null> {
  const lines = await tx
    .select({ status: s.orderLines.status })
    .from(s.orderLines)
    .where(
      and(eq(s.orderLines.orderId, orderId), eq(s.orderLines.coopId, coopId), ne(s.orderLines.status, "cancelled")),
    );
  if (lines.some((l) => l.status === "placed")) return "placed";
  if (lines.some((l) => l.status === "confirmed")) return "confirmed";
  return null;
}

async function cancelRemainingConfirmed(
  tx: Tx,
  order: { id: string; status: OrderStatus; campaignId: string | null; dropId: string | null; buyerId: string },
  coopId: string,
  actor: { actorId: string; at: Date },
) {
  if ((await cancelable(tx, order.id, coopId)) !== "confirmed") return;
  const moved = await moveCoopLines(tx, order, coopId, "confirmed", "cancelled", { ...actor, note: "coop_cancelled" });
  await giveBackUnits(
    tx,
    order,
    moved,
    { refType: "order", refId: order.id, actorId: actor.actorId, note: "coop_cancelled" },
    "cancel",
  );
}
