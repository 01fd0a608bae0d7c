import "server-only";
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { assertCoopMember, assertStationManager } from "../auth";
import type { Viewer } from "../auth/contract";
import { now } from "../core/clock";
import { AppError } from "../core/errors";
import { getDb, schema as s, type DbOrTx, type Tx } from "../db";
import { processRefunds, refundMachine, requestRefund, settleOrderRefundState } from "../payments";
import type { CashRefundInput, RefundLineInput } from "./contract";
import { lockOrder } from "./transitions";

export interface LineRefund {
  refundId: string;
  method: "provider" | "cash";
  amountFen: number;
  status: string;
}

/** What has been given back against a line so far (every refund naming it, whatever its state). */
export async function refundedOnLine(db: DbOrTx, lineId: string): Promise<number> {
  const [row] = await db
    .select({ fen: sql<number>`coalesce(sum(${s.refunds.amountFen}), 0)::int` })
    .from(s.refunds)
    .where(eq(s.refunds.orderLineId, lineId));
  return row?.fen ?? 0;
}

/**
 * 售后 by the cooperative: gives back part or all of one of its lines of a handed-over order, never more than the
 * line has left. Paid online, the refund goes through Stripe after commit (the refund job, `refund:<order>:after:<key>`);
 * paid at the station, the station hands the cash back (it shows on its console); paid on delivery, the cooperative
 * gave the cash back itself, so it is paid at once. The ledger reverses the line's shares in the same transaction.
 * The form's key makes a double submit (or two at once) one refund.
 */
export async function refundHandedOverLine(viewer: Viewer | null, input: RefundLineInput): Promise<LineRefund> {
  assertCoopMember(viewer, input.coopId);
  const db = await getDb();
  const result = await db.transaction(async (tx) => {
    const order = await lockOrder(tx, { number: input.number });
    const [line] = order
      ? await tx
          .select()
          .from(s.orderLines)
          .where(
            and(
              eq(s.orderLines.id, input.lineId),
              eq(s.orderLines.orderId, order.id),
              eq(s.orderLines.coopId, input.coopId),
            ),
          )
      : [];
    if (!order || !line) throw new AppError("NOT_FOUND", "order not found");
    const [replay] = await tx
      .select()
      .from(s.refunds)
      .where(eq(s.refunds.idempotencyKey, `refund:${order.id}:after:${input.idempotencyKey}`));
    if (replay) return { refund: replay, replayed: true };
    if (order.status !== "completed" || line.status === "cancelled")
      throw new AppError("INVALID_STATE", "only a handed-over line is refunded this way", {
        params: { status: order.status },
      });
    const left = line.lineTotalFen - (await refundedOnLine(tx, line.id));
    if (input.amount > left)
      throw new AppError("VALIDATION", "more than the line has left", {
        fields: { amount: ["above_refundable"] },
        params: { left },
      });
    const method = order.paymentMethod === "online" ? "provider" : "cash";
    const { id } = await requestRefund(tx, {
      orderId: order.id,
      amountFen: input.amount,
      reason: input.reason,
      part: `after:${input.idempotencyKey}`,
      orderLineId: line.id,
      method,
      stationId: method === "cash" && order.fulfillment === "pickup" ? order.stationId : null,
      requestedBy: viewer.userId,
    });
    // Cash on delivery: the cooperative hands the money back itself, so it is paid the moment it is recorded.
    if (method === "cash" && order.fulfillment === "delivery") await markCashRefundPaid(tx, id!, viewer.userId);
    const [refund] = await tx.select().from(s.refunds).where(eq(s.refunds.id, id!));
    return { refund: refund!, replayed: false };
  });
  if (result.refund.method === "provider")
    await processRefunds().catch((err: unknown) => console.warn("[refunds]", (err as Error).message));
  const [after] = await db
    .select({ status: s.refunds.status })
    .from(s.refunds)
    .where(eq(s.refunds.id, result.refund.id));
  return {
    refundId: result.refund.id,
    method: result.refund.method,
    amountFen: result.refund.amountFen,
    status: after?.status ?? result.refund.status,
  };
}

async function markCashRefundPaid(tx: Tx, refundId: string, by: string) {
  const [r] = await tx.select().from(s.refunds).where(eq(s.refunds.id, refundId)).for("update");
  if (!r) throw new AppError("NOT_FOUND", "refund not found");
  refundMachine.assert(r.status, "succeeded");
  await tx
    .update(s.refunds)
    .set({ status: "succeeded", paidBy: by, updatedAt: now() })
    .where(and(eq(s.refunds.id, r.id), eq(s.refunds.status, "requested")));
  await settleOrderRefundState(tx, r.orderId);
}

/**
 * The station hands a cash refund back at the counter: only a cash refund due at *this* station (anyone else's is
 * NOT_FOUND), once (a second hand-back is refused by the refund's state machine). The ledger takes it from the
 * station's till; the buyer is told.
 */
export async function handOverCashRefund(
  viewer: Viewer | null,
  input: CashRefundInput,
): Promise<{ amountFen: number }> {
  assertStationManager(viewer, input.stationId);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [r] = await tx
      .select()
      .from(s.refunds)
      .where(
        and(eq(s.refunds.id, input.refundId), eq(s.refunds.method, "cash"), eq(s.refunds.stationId, input.stationId)),
      )
      .for("update");
    if (!r) throw new AppError("NOT_FOUND", "refund not found");
    await markCashRefundPaid(tx, r.id, viewer.userId);
    return { amountFen: r.amountFen };
  });
}

export interface CashRefundDue {
  refundId: string;
  number: string;
  buyerName: string;
  item: string;
  amountFen: number;
  reason: string;
  requestedAt: Date;
}

/** The cash refunds a station should hand back, oldest first. */
export async function listCashRefundsDue(viewer: Viewer | null, stationId: string): Promise<CashRefundDue[]> {
  assertStationManager(viewer, stationId);
  const db = await getDb();
  const rows = await db
    .select({
      refundId: s.refunds.id,
      number: s.orders.number,
      buyerName: s.users.name,
      productNameZh: s.orderLines.productNameZh,
      variantLabelZh: s.orderLines.variantLabelZh,
      amountFen: s.refunds.amountFen,
      reason: s.refunds.reason,
      requestedAt: s.refunds.createdAt,
    })
    .from(s.refunds)
    .innerJoin(s.orders, eq(s.orders.id, s.refunds.orderId))
    .innerJoin(s.users, eq(s.users.id, s.orders.buyerId))
    .leftJoin(s.orderLines, eq(s.orderLines.id, s.refunds.orderLineId))
    .where(and(eq(s.refunds.stationId, stationId), eq(s.refunds.method, "cash"), eq(s.refunds.status, "requested")))
    .orderBy(asc(s.refunds.createdAt))
    .limit(100);
  return rows.map((r) => ({
    refundId: r.refundId,
    number: r.number,
    buyerName: r.buyerName,
    item: r.productNameZh ? `${r.productNameZh} ${r.variantLabelZh ?? ""}`.trim() : "",
    amountFen: r.amountFen,
    reason: r.reason,
    requestedAt: r.requestedAt,
  }));
}

/** Refunds of an order, newest first (the cooperative's and the buyer's order views). */
export async function refundsOfOrder(db: DbOrTx, orderId: string) {
  return db
    .select({
      id: s.refunds.id,
      orderLineId: s.refunds.orderLineId,
      amountFen: s.refunds.amountFen,
      status: s.refunds.status,
      method: s.refunds.method,
      reason: s.refunds.reason,
      createdAt: s.refunds.createdAt,
    })
    .from(s.refunds)
    .where(eq(s.refunds.orderId, orderId))
    .orderBy(desc(s.refunds.createdAt));
}
