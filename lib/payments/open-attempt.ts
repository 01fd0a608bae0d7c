import "server-only";
import { AppError } from "../core/errors";
import { newId } from "../core/ids";
import { schema as s, type DbOrTx } from "../db";
import { latestAttempt, recordAttempt } from "./attempts";
import { createCheckoutSession, type NewCheckout } from "./stripe";

/**
 * Opens the next payment attempt of an order (or returns the open one). A timeout is retried by the buyer
 * under the same idempotency key, since Stripe may have made the session; a 5xx from Stripe is saved by
 * its idempotency layer, so that attempt is closed and the next try gets a new key.
 */
export async function openCheckoutAttempt(db: DbOrTx, c: Omit<NewCheckout, "attempt">): Promise<{ url: string }> {
  const last = await latestAttempt(db, c.orderId);
  if (last?.status === "open" && last.checkoutUrl) return { url: last.checkoutUrl };
  const attempt = !last ? 1 : last.status === "open" ? last.attempt : last.attempt + 1;
  try {
    const session = await createCheckoutSession({ ...c, attempt });
    await recordAttempt(db, c.orderId, attempt, session, c.capture ?? "automatic");
    if (!session.url) throw new AppError("PAYMENT_PROVIDER", "checkout session without url");
    return { url: session.url };
  } catch (err) {
    const status = (err as AppError).cause as { statusCode?: number } | undefined;
    if (err instanceof AppError && err.code === "PAYMENT_PROVIDER" && (status?.statusCode ?? 0) >= 500) {
      await db
        .insert(s.payments)
        .values({ id: newId("pay"), orderId: c.orderId, attempt, amountFen: 0, status: "failed", failureMessage: err.message.slice(0, 300) })
        .onConflictDoNothing();
    }
    throw err;
  }
}
