import "server-only";
import { eq } from "drizzle-orm";
import { assertViewer } from "../auth";
import type { Viewer } from "../auth/contract";
import { AppError } from "../core/errors";
import { now } from "../core/clock";
import { getDb, schema as s, transactionWithRetry } from "../db";
import type { CheckoutView } from "../payments/contract";
import { buyerCancellable, type CancelMyOrderInput, type OrderStatus } from "./contract";
import { cancelOrderInTx } from "./cancel";
import { applyEndedSession, endOrderSessions } from "./online-payment";
import { lockOrder } from "./transitions";

type OrderRow = typeof s.orders.$inferSelect;

function assertBuyerMayCancel(order: OrderRow) {
  if (order.channel === "team" && (order.status === "placed" || order.status === "awaiting_payment")) {
    throw new AppError(
      "INVALID_STATE",
      "a team order waits for its team: it completes or is cancelled and refunded as a whole",
    );
  }
  if (!buyerCancellable.includes(order.status as OrderStatus)) {
    throw new AppError("INVALID_STATE", `order is ${order.status}; it can no longer be cancelled`);
  }
}

/**
 * The buyer cancels their own order before anything is dispatched; the stock returns once. An order still
 * waiting for its online payment has its Checkout Session expired first, with no transaction open, so it can
 * no longer be paid; a session paid meanwhile is applied instead, and the cancellation then refunds it. When
 * Stripe cannot be reached the order is cancelled all the same; the sweep ends the session later
 * (expireLeftoverSessions) and refunds a payment that lands on it.
 */
export async function cancelMyOrder(viewer: Viewer | null, input: CancelMyOrderInput): Promise<void> {
  assertViewer(viewer);
  const db = await getDb();
  const [seen] = await db.select().from(s.orders).where(eq(s.orders.number, input.number));
  if (!seen || seen.buyerId !== viewer.userId) throw new AppError("NOT_FOUND", "order not found");
  assertBuyerMayCancel(seen);
  let sessions: CheckoutView[] = [];
  if (seen.status === "awaiting_payment") sessions = (await endOrderSessions(db, seen.id)).sessions;
  await transactionWithRetry(db, async (tx) => {
    for (const session of sessions) await applyEndedSession(tx, session);
    const order = await lockOrder(tx, { number: input.number });
    if (!order || order.buyerId !== viewer.userId) throw new AppError("NOT_FOUND", "order not found");
    assertBuyerMayCancel(order);
    await cancelOrderInTx(tx, order, { actorId: viewer.userId, at: now(), reason: input.reason || "buyer_cancelled" });
  });
}
