import "server-only";
import { and, eq, inArray, isNull } from "drizzle-orm";
import { AppError } from "../core/errors";
import { schema as s, type Tx } from "../db";
import { assignBatches } from "./batches";
import { issuePickupCode } from "./pickup-code";
import { moveCoopLines, type Actor } from "./transitions";
import type { OrderStatus } from "./contract";

/**
 * A pickup order placed without a batch (an online order once paid, a 拼团 order once its team completes) joins
 * its station's batches: each cooperative's live lines join that cooperative's open batch for the station's next
 * delivery day (judged at `at`), and the order gets that day. Runs inside the caller's transaction on a locked,
 * placed order; lines already on a batch keep it.
 */
export async function joinStationBatches(
  tx: Tx,
  order: { id: string; status: OrderStatus; stationId: string | null },
  at: Date,
): Promise<{ deliveryDay: string; coopIds: string[] }> {
  if (order.status !== "placed")
    throw new AppError("INVALID_STATE", `order ${order.id} is ${order.status}, not placed`);
  if (!order.stationId) throw new AppError("INVALID_STATE", `order ${order.id} is not a pickup order`);
  const [station] = await tx
    .select({ id: s.stations.id, cutoffTime: s.stations.cutoffTime, timezone: s.stations.timezone })
    .from(s.stations)
    .where(eq(s.stations.id, order.stationId));
  if (!station) throw new AppError("NOT_FOUND", "station not found");
  const lines = await tx
    .select({ id: s.orderLines.id, coopId: s.orderLines.coopId })
    .from(s.orderLines)
    .where(and(eq(s.orderLines.orderId, order.id), eq(s.orderLines.status, "placed"), isNull(s.orderLines.batchId)));
  const { day, batchByCoop } = await assignBatches(
    tx,
    lines.map((l) => l.coopId),
    { stationId: station.id, cutoffTime: station.cutoffTime, timezone: station.timezone },
    at,
  );
  for (const [coopId, batchId] of batchByCoop) {
    await tx
      .update(s.orderLines)
      .set({ batchId, updatedAt: at })
      .where(
        and(
          eq(s.orderLines.orderId, order.id),
          eq(s.orderLines.coopId, coopId),
          inArray(
            s.orderLines.id,
            lines.map((l) => l.id),
          ),
        ),
      );
  }
  await tx.update(s.orders).set({ deliveryDay: day, updatedAt: at }).where(eq(s.orders.id, order.id));
  return { deliveryDay: day, coopIds: [...batchByCoop.keys()] };
}

/**
 * A held pickup order (a 拼团 member's, placed without a batch) goes ahead like any pickup order: it joins its
 * station's batches (joinStationBatches), its lines move placed → confirmed (the order follows its lines), and
 * the order gets its pickup code. Runs inside the caller's transaction on a locked order.
 */
export async function confirmIntoBatch(
  tx: Tx,
  order: { id: string; status: OrderStatus; stationId: string | null },
  actor: Actor,
): Promise<{ deliveryDay: string }> {
  const { deliveryDay, coopIds } = await joinStationBatches(tx, order, actor.at);
  for (const coopId of coopIds) await moveCoopLines(tx, order, coopId, "placed", "confirmed", actor);
  await issuePickupCode(tx, order.id, order.stationId!);
  return { deliveryDay };
}
