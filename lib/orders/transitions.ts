import "server-only";
import { and, eq } from "drizzle-orm";
import { AppError } from "../core/errors";
import { schema as s, type Tx } from "../db";
import type { LineStatus, OrderStatus } from "./contract";
import { lineMachine, orderMachine, statusFromLines } from "./state";

const timestampColumn: Partial<Record<OrderStatus, keyof typeof s.orders.$inferInsert>> = {
  confirmed: "confirmedAt",
  dispatched: "dispatchedAt",
  ready_for_pickup: "readyAt",
  out_for_delivery: "dispatchedAt",
  completed: "completedAt",
  cancelled: "cancelledAt",
};

export interface Actor {
  actorId: string | null;
  at: Date;
  note?: string | null;
  /** The cooperative acting, when one does (the one that delivered a home-delivery order). */
  coopId?: string | null;
}

/** Locks the order row for the rest of the transaction: one writer per order at a time. */
export async function lockOrder(tx: Tx, where: { id: string } | { number: string }) {
  const [order] = await tx
    .select()
    .from(s.orders)
    .where("id" in where ? eq(s.orders.id, where.id) : eq(s.orders.number, where.number))
    .for("update");
  return order ?? null;
}

/** Moves an order through its state machine and writes the timeline event; illegal moves write nothing. */
export async function moveOrder(
  tx: Tx,
  order: { id: string; status: OrderStatus },
  to: OrderStatus,
  actor: Actor,
  extra: Partial<typeof s.orders.$inferInsert> = {},
): Promise<void> {
  orderMachine.assert(order.status, to);
  const stamp = timestampColumn[to];
  const rows = await tx
    .update(s.orders)
    .set({ ...extra, status: to, updatedAt: actor.at, ...(stamp ? { [stamp]: actor.at } : {}) })
    .where(and(eq(s.orders.id, order.id), eq(s.orders.status, order.status)))
    .returning({ id: s.orders.id });
  if (rows.length === 0) throw new AppError("INVALID_STATE", `order ${order.id} changed underneath`);
  await tx.insert(s.orderEvents).values({
    orderId: order.id,
    fromStatus: order.status,
    toStatus: to,
    coopId: actor.coopId ?? null,
    actorId: actor.actorId,
    note: actor.note ?? null,
    at: actor.at,
  });
  order.status = to;
}

/** Moves one cooperative's lines of an order, then lets the order follow its lines. */
export async function moveCoopLines(
  tx: Tx,
  order: { id: string; status: OrderStatus },
  coopId: string,
  from: LineStatus,
  to: LineStatus,
  actor: Actor,
): Promise<{ id: string; variantId: string; quantity: number }[]> {
  lineMachine.assert(from, to);
  const moved = await tx
    .update(s.orderLines)
    .set({ status: to, updatedAt: actor.at })
    .where(and(eq(s.orderLines.orderId, order.id), eq(s.orderLines.coopId, coopId), eq(s.orderLines.status, from)))
    .returning({ id: s.orderLines.id, variantId: s.orderLines.variantId, quantity: s.orderLines.quantity });
  if (moved.length === 0) throw new AppError("INVALID_STATE", `no ${from} lines of this cooperative in the order`);
  await tx.insert(s.orderEvents).values({
    orderId: order.id,
    fromStatus: from,
    toStatus: to,
    coopId,
    actorId: actor.actorId,
    note: actor.note ?? null,
    at: actor.at,
  });
  await followLines(tx, order, actor);
  return moved;
}

export async function followLines(tx: Tx, order: { id: string; status: OrderStatus }, actor: Actor): Promise<void> {
  const lines = await tx
    .select({ status: s.orderLines.status })
    .from(s.orderLines)
    .where(eq(s.orderLines.orderId, order.id));
  const next = statusFromLines(
    order.status,
    lines.map((l) => l.status),
  );
  if (next !== order.status) await moveOrder(tx, order, next, { ...actor, note: null });
}
