import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { assertViewer } from "../auth";
import type { Viewer } from "../auth/contract";
import { AppError } from "../core/errors";
import { now } from "../core/clock";
import { getDb, schema as s } from "../db";
import type { ReissuePickupCodeInput } from "./contract";
import { issuePickupCode } from "./pickup-code";

/**
 * The buyer replaces their order's pickup code (after it was locked by wrong guesses, or if they think it leaked):
 * the old code stops working, the wrong-code count starts again. Only the buyer's own open pickup order.
 */
export async function reissuePickupCode(
  viewer: Viewer | null,
  { number }: ReissuePickupCodeInput,
): Promise<{ code: string }> {
  assertViewer(viewer);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [order] = await tx
      .select({ id: s.orders.id, stationId: s.orders.stationId, code: s.orders.pickupCode })
      .from(s.orders)
      .where(and(eq(s.orders.number, number), eq(s.orders.buyerId, viewer.userId)))
      .for("update");
    if (!order) throw new AppError("NOT_FOUND", "order not found");
    const [open] = await tx
      .update(s.orders)
      .set({ pickupCode: null, pickupFailures: 0, pickupLockedAt: null, updatedAt: now() })
      .where(
        and(
          eq(s.orders.id, order.id),
          eq(s.orders.fulfillment, "pickup"),
          inArray(s.orders.status, ["placed", "confirmed", "dispatched", "ready_for_pickup"]),
        ),
      )
      .returning({ id: s.orders.id });
    if (!open || !order.stationId || !order.code)
      throw new AppError("INVALID_STATE", "this order has no pickup code to replace");
    return { code: await issuePickupCode(tx, order.id, order.stationId) };
  });
}
