import "server-only";
import { and, eq } from "drizzle-orm";
import { AppError } from "../core/errors";
import { newId } from "../core/ids";
import { sumFen, multiplyFen } from "../core/money";
import { schema as s, type Db } from "../db";
import type { CheckoutRequest } from "../db/schema";
import { latestAttempt, type PaymentRow } from "./attempts";
import { manualCaptureMethods, type CheckoutView } from "./contract";
import { createCheckoutSession, expireCheckoutSession } from "./stripe";

export interface NewCheckout {
  orderId: string;
  lines: { name: string; unitAmountFen: number; quantity: number }[];
  /** Until when the order holds its stock; Stripe's own expiry is set from it (at least 45 min ahead). */
  expiresAt: Date;
  successUrl: string;
  cancelUrl: string;
  methods: readonly string[];
  /** "manual": authorise now, capture later (cards only; wallets charge at once). */
  capture?: "automatic" | "manual";
}

// Stripe takes expiries 30 min to 24 h ahead. The attempt keeps its expiry for every retry, so it starts with
// room for retries (a session made by a late retry must still be ≥ 30 min ahead); the app's hold sweep expires
// the session itself at the order's hold.
const MIN_AHEAD_MS = 45 * 60_000;
const MAX_AHEAD_MS = 23 * 3_600_000;

/**
 * Opens the next payment attempt of an order (or returns the open one), without a transaction open while Stripe
 * is asked: the attempt is written first with its parameters (lines, amount, Stripe's expiry) and committed, then
 * Stripe is called with the key `checkout:<order>:<attempt>`, then the session is recorded on the attempt. A
 * timeout leaves the attempt "creating", and the buyer's retry re-sends exactly its parameters under the same
 * key, so it gets the session Stripe may have made. A 5xx is saved by Stripe's idempotency layer under the key,
 * and a refusal of the parameters is final, so those close the attempt and the next try gets a new key.
 */
export async function openCheckoutAttempt(db: Db, c: NewCheckout): Promise<{ url: string }> {
  const capture = c.capture ?? "automatic";
  if (capture === "manual" && c.methods.some((m) => !manualCaptureMethods.includes(m as never))) {
    throw new AppError("VALIDATION", "only cards can be authorised now and captured later", {
      fields: { paymentMethod: ["no_manual_capture"] },
    });
  }
  const claimed = await db.transaction(async (tx) => {
    // One attempt is opened at a time per order (a double submit waits here and then finds it).
    await tx.select({ id: s.orders.id }).from(s.orders).where(eq(s.orders.id, c.orderId)).for("update");
    const last = await latestAttempt(tx, c.orderId);
    if (last?.status === "open" && last.checkoutUrl) return { url: last.checkoutUrl, row: null };
    if (last?.status === "creating" && last.request) return { url: null, row: last };
    const request: CheckoutRequest = {
      lines: c.lines.map((l) => ({ name: l.name, unitAmountFen: l.unitAmountFen, quantity: l.quantity })),
      expiresAt: Math.floor(
        Math.min(Math.max(c.expiresAt.getTime(), Date.now() + MIN_AHEAD_MS), Date.now() + MAX_AHEAD_MS) / 1000,
      ),
      successUrl: c.successUrl,
      cancelUrl: c.cancelUrl,
      methods: [...c.methods],
      capture,
    };
    const [row] = await tx
      .insert(s.payments)
      .values({
        id: newId("pay"),
        orderId: c.orderId,
        attempt: (last?.attempt ?? 0) + 1,
        status: "creating",
        amountFen: sumFen(request.lines.map((l) => multiplyFen(l.unitAmountFen, l.quantity))),
        captureMethod: capture,
        request,
        expiresAt: new Date(request.expiresAt * 1000),
      })
      .returning();
    return { url: null, row: row! };
  });
  if (claimed.url !== null) return { url: claimed.url };
  const session = await sendAttempt(db, claimed.row!);
  if (!session.url) throw new AppError("PAYMENT_PROVIDER", "checkout session without url");
  return { url: session.url };
}

/**
 * Asks Stripe for the session of a "creating" attempt with its stored parameters and records it. Called with no
 * transaction open; a retry (the buyer's, the sweep's) sends the same request under the same key.
 */
export async function sendAttempt(db: Db, row: PaymentRow): Promise<CheckoutView> {
  if (!row.request) throw new AppError("INVALID_STATE", `payment attempt ${row.id} has no stored request`);
  let session: CheckoutView;
  try {
    session = await createCheckoutSession(row.orderId, row.attempt, row.request);
  } catch (err) {
    const status = ((err as AppError).cause as { statusCode?: number } | undefined)?.statusCode ?? 0;
    const final =
      err instanceof AppError && ((err.code === "PAYMENT_PROVIDER" && status >= 500) || err.code === "INVALID_STATE");
    if (final) {
      await db
        .update(s.payments)
        .set({ status: "failed", failureMessage: err.message.slice(0, 300), updatedAt: new Date() })
        .where(and(eq(s.payments.id, row.id), eq(s.payments.status, "creating")));
    }
    throw err;
  }
  // A concurrent retry may have recorded it first: the same session either way (same key, same parameters).
  await db
    .update(s.payments)
    .set({
      status: "open",
      checkoutSessionId: session.id,
      checkoutUrl: session.url,
      currency: session.currency || "cny",
      updatedAt: new Date(),
    })
    .where(and(eq(s.payments.id, row.id), eq(s.payments.status, "creating")));
  return session;
}

/**
 * Ends an attempt's session at Stripe (no transaction open): an open session is expired; one that completed
 * meanwhile comes back as it is, to be applied. An attempt whose creation never answered is sent again first
 * (same key, same parameters) to learn its session. Null when there is no session to end.
 */
export async function endAttemptSession(db: Db, row: PaymentRow): Promise<CheckoutView | null> {
  let sessionId = row.checkoutSessionId;
  if (!sessionId) {
    if (row.status !== "creating" || !row.request) return null;
    try {
      sessionId = (await sendAttempt(db, row)).id;
    } catch (err) {
      // Stripe refused the stored request for good (e.g. its expiry has passed): no session was made by it now.
      if (err instanceof AppError && err.code === "INVALID_STATE") return null;
      throw err;
    }
  }
  return expireCheckoutSession(sessionId);
}
