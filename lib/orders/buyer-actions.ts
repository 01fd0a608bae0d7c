import "server-only";
import { z } from "zod";
import { assertViewer } from "../auth";
import type { Viewer } from "../auth/contract";
import { AppError } from "../core/errors";
import { now } from "../core/clock";
import { getDb, transactionWithRetry } from "../db";
import { buyerCancellable, type OrderStatus } from "./contract";
import { cancelOrderInTx } from "./cancel";
import { lockOrder } from "./transitions";

export const orderNumberSchema = z.string().regex(/^E\d{6}[0-9A-Z]{6}$/, "invalid");
export const cancelMyOrderInput = z.strictObject({ number: orderNumberSchema, reason: z.string().trim().max(200, "too_long").optional() });

/** The buyer cancels their own order before anything is dispatched; the stock returns once. */
export async function cancelMyOrder(viewer: Viewer | null, raw: unknown): Promise<void> {
  assertViewer(viewer);
  const input = cancelMyOrderInput.parse(raw);
  const db = await getDb();
  await transactionWithRetry(db, async (tx) => {
    const order = await lockOrder(tx, { number: input.number });
    if (!order || order.buyerId !== viewer.userId) throw new AppError("NOT_FOUND", "order not found");
    if (order.channel === "team" && (order.status === "placed" || order.status === "awaiting_payment")) {
      throw new AppError("INVALID_STATE", "a team order waits for its team: it completes or is cancelled and refunded as a whole");
    }
    if (!buyerCancellable.includes(order.status as OrderStatus)) {
      throw new AppError("INVALID_STATE", `order is ${order.status}; it can no longer be cancelled`);
    }
    await cancelOrderInTx(tx, order, { actorId: viewer.userId, at: now(), reason: input.reason || "buyer_cancelled" });
  });
}
