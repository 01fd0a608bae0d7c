import "server-only";
import { assertViewer, enforce } from "../auth";
import type { Viewer } from "../auth/contract";
import { now } from "../core/clock";
import { getDb } from "../db";
import { AppError } from "../core/errors";
import { env } from "../env";
import { onlinePaymentsEnabled } from "../payments";
import type { CheckoutInput } from "./contract";
import { removeOrderedFromCart } from "./cart";
import { orderForKey, placeOnce } from "./place-once";
import { placeOrder, type PlacedOrder } from "./place-order";

/**
 * The shop checkout: the buyer's reviewed lines (variant ids and quantities only), to a station or an
 * address, paid at pickup or on delivery. One transaction; the same idempotency key returns the same order.
 */
export async function checkout(viewer: Viewer | null, input: CheckoutInput): Promise<PlacedOrder> {
  assertViewer(viewer);
  const { address } = input;
  const online = input.paymentMethod === "online";
  if (online && !onlinePaymentsEnabled()) {
    throw new AppError("VALIDATION", "online payment is not available", {
      fields: { paymentMethod: ["online_unavailable"] },
    });
  }
  await enforce(`checkout:user:${viewer.userId}`, { max: 30, windowSeconds: 60 }, "checkouts");
  const at = now();
  const db = await getDb();
  return placeOnce(db, {
    replay: (d) => orderForKey(d, viewer.userId, input.idempotencyKey),
    place: async (tx) => {
      const placed = await placeOrder(tx, {
        buyerId: viewer.userId,
        channel: "shop",
        lines: input.lines,
        fulfillment:
          input.fulfillment === "pickup"
            ? { kind: "pickup", stationId: input.stationId! }
            : { kind: "delivery", address: { ...address!, postalCode: address!.postalCode || undefined } },
        paymentMethod: input.paymentMethod,
        idempotencyKey: input.idempotencyKey,
        note: input.note,
        at,
        ...(online
          ? {
              status: "awaiting_payment" as const,
              issueCode: false,
              holdExpiresAt: new Date(at.getTime() + env().PAYMENT_HOLD_MINUTES * 60_000),
            }
          : {}),
      });
      if (placed.created) await removeOrderedFromCart(tx, viewer.userId, input.lines);
      return placed;
    },
  });
}
