import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { AppError } from "../core/errors";
import { schema as s, type Tx } from "../db";
import { assignBatches } from "./batches";
import { issuePickupCode } from "./pickup-code";
import { moveCoopLines, type Actor } from "./transitions";
import type { OrderStatus } from "./contract";

/**
 * A held pickup order (a 拼团 member's, placed without a batch) goes ahead like any pickup order: each
 * cooperative's lines join that cooperative's open batch for the station's next delivery day (judged at
 * `actor.at`), move placed → confirmed (the order follows its lines), and the order gets its pickup code.
 * Runs inside the caller's transaction on a locked order.
 */
export async function confirmIntoBatch(tx: Tx, order: { id: string; status: OrderStatus; stationId: string | null }, actor: Actor): Promise<{ deliveryDay: string }> {
  if (order.status !== "placed") throw new AppError("INVALID_STATE", `order ${order.id} is ${order.status}, not placed`);
  if (!order.stationId) throw new AppError("INVALID_STATE", `order ${order.id} is not a pickup order`);
  const [station] = await tx
    .select({ id: s.stations.id, cutoffTime: s.stations.cutoffTime, timezone: s.stations.timezone })
    .from(s.stations)
    .where(eq(s.stations.id, order.stationId));
  if (!station) throw new AppError("NOT_FOUND", "station not found");
  const lines = await tx
    .select({ id: s.orderLines.id, coopId: s.orderLines.coopId })
    .from(s.orderLines)
    .where(and(eq(s.orderLines.orderId, order.id), eq(s.orderLines.status, "placed")));
  const { day, batchByCoop } = await assignBatches(tx, lines.map((l) => l.coopId), { stationId: station.id, cutoffTime: station.cutoffTime, timezone: station.timezone }, actor.at);
  for (const [coopId, batchId] of batchByCoop) {
    await tx
      .update(s.orderLines)
      .set({ batchId, updatedAt: actor.at })
      .where(and(eq(s.orderLines.orderId, order.id), eq(s.orderLines.coopId, coopId), inArray(s.orderLines.id, lines.map((l) => l.id))));
  }
  await tx.update(s.orders).set({ deliveryDay: day, updatedAt: actor.at }).where(eq(s.orders.id, order.id));
  for (const coopId of batchByCoop.keys()) await moveCoopLines(tx, order, coopId, "placed", "confirmed", actor);
  await issuePickupCode(tx, order.id, station.id);
  return { deliveryDay: day };
}
