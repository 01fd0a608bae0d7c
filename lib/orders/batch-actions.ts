import "server-only";
import { and, eq, ne } from "drizzle-orm";
import { assertCoopMember, assertStationManager, assertViewer } from "../auth";
import type { Viewer } from "../auth/contract";
import { AppError } from "../core/errors";
import { defineMachine } from "../core/state-machine";
import { now } from "../core/clock";
import { getDb, schema as s, transactionWithRetry, type Tx } from "../db";
import { notify } from "../events";
import type { BatchActionInput } from "./contract";
import { followLines, lockOrder, moveOrder, type Actor } from "./transitions";

/** A batch: open (taking orders) → locked (cutoff passed) → dispatched (cooperative) → received (station). */
export const batchMachine = defineMachine<"open" | "locked" | "dispatched" | "received">("batch", {
  open: ["locked"],
  locked: ["dispatched"],
  dispatched: ["received"],
  received: [],
});

async function lockBatch(tx: Tx, batchId: string) {
  const [batch] = await tx.select().from(s.batches).where(eq(s.batches.id, batchId)).for("update");
  return batch ?? null;
}

/**
 * The cooperative sends a locked batch: every live line in it becomes dispatched (confirmed first, so the
 * timeline stays whole), and each order follows its lines.
 */
export async function dispatchBatch(viewer: Viewer | null, { batchId }: BatchActionInput): Promise<{ orders: number }> {
  assertViewer(viewer);
  const db = await getDb();
  return transactionWithRetry(db, async (tx) => {
    const batch = await lockBatch(tx, batchId);
    if (!batch) throw new AppError("NOT_FOUND", "batch not found");
    assertCoopMember(viewer, batch.coopId);
    if (batch.status === "open") {
      const [station] = await tx
        .select({ cutoffTime: s.stations.cutoffTime })
        .from(s.stations)
        .where(eq(s.stations.id, batch.stationId));
      throw new AppError("BEFORE_CUTOFF", "the batch still takes orders until its cutoff", {
        params: { time: station?.cutoffTime ?? "", day: batch.deliveryDay },
      });
    }
    batchMachine.assert(batch.status, "dispatched");
    const at = now();
    await tx.update(s.batches).set({ status: "dispatched", dispatchedAt: at }).where(eq(s.batches.id, batch.id));
    const orderIds = await ordersIn(tx, batch.id);
    const actor: Actor = { actorId: viewer.userId, at };
    for (const orderId of orderIds) {
      const order = (await lockOrder(tx, { id: orderId }))!;
      for (const [from, to] of [
        ["placed", "confirmed"],
        ["confirmed", "dispatched"],
      ] as const) {
        const moved = await tx
          .update(s.orderLines)
          .set({ status: to, updatedAt: at })
          .where(
            and(eq(s.orderLines.orderId, orderId), eq(s.orderLines.batchId, batch.id), eq(s.orderLines.status, from)),
          )
          .returning({ id: s.orderLines.id });
        if (moved.length) {
          await tx
            .insert(s.orderEvents)
            .values({ orderId, fromStatus: from, toStatus: to, coopId: batch.coopId, actorId: viewer.userId, at });
        }
      }
      await followLines(tx, order, actor);
    }
    return { orders: orderIds.length };
  });
}

/**
 * The station manager takes a dispatched batch in. An order whose every live line has arrived becomes ready
 * for pickup, and its buyer is told (once).
 */
export async function receiveBatch(viewer: Viewer | null, { batchId }: BatchActionInput): Promise<{ ready: number }> {
  assertViewer(viewer);
  const db = await getDb();
  return transactionWithRetry(db, async (tx) => {
    const batch = await lockBatch(tx, batchId);
    if (!batch) throw new AppError("NOT_FOUND", "batch not found");
    assertStationManager(viewer, batch.stationId);
    batchMachine.assert(batch.status, "received");
    const at = now();
    await tx.update(s.batches).set({ status: "received", receivedAt: at }).where(eq(s.batches.id, batch.id));
    let ready = 0;
    for (const orderId of await ordersIn(tx, batch.id)) {
      const order = (await lockOrder(tx, { id: orderId }))!;
      if (order.status !== "dispatched") continue;
      const pending = await tx
        .select({ id: s.orderLines.id })
        .from(s.orderLines)
        .innerJoin(s.batches, eq(s.batches.id, s.orderLines.batchId))
        .where(
          and(
            eq(s.orderLines.orderId, orderId),
            ne(s.orderLines.status, "cancelled"),
            ne(s.batches.status, "received"),
          ),
        )
        .limit(1);
      if (pending.length) continue;
      await moveOrder(tx, order, "ready_for_pickup", { actorId: viewer.userId, at });
      await notify(tx, {
        userId: order.buyerId,
        kind: "order_ready",
        params: { number: order.number },
        link: `/orders/${order.number}`,
        dedupeKey: `ready:${order.id}`,
      });
      ready++;
    }
    return { ready };
  });
}

/** The orders with live lines in a batch; an unpaid one (on a batch from before unpaid orders were kept off) never leaves with it. */
async function ordersIn(tx: Tx, batchId: string): Promise<string[]> {
  const rows = await tx
    .selectDistinct({ orderId: s.orderLines.orderId })
    .from(s.orderLines)
    .innerJoin(s.orders, eq(s.orders.id, s.orderLines.orderId))
    .where(
      and(
        eq(s.orderLines.batchId, batchId),
        ne(s.orderLines.status, "cancelled"),
        ne(s.orders.status, "awaiting_payment"),
      ),
    );
  return rows.map((r) => r.orderId).sort();
}
