import "server-only";
import { and, asc, eq, inArray, isNotNull, lte, ne } from "drizzle-orm";
import { assertViewer } from "../auth";
import type { Viewer } from "../auth/contract";
import { AppError, isAppError } from "../core/errors";
import { now } from "../core/clock";
import { getDb, schema as s, type Db, type Tx } from "../db";
import { notify } from "../events";
import {
  attemptBySession,
  endAttemptSession,
  latestAttempt,
  listCheckoutSessionsSince,
  openCheckoutAttempt,
  requestRefund,
  retrieveCheckoutSession,
  updateAttemptFromSession,
  type PaymentRow,
} from "../payments";
import type { CheckoutView } from "../payments/contract";
import { onlineMethods } from "../payments/contract";
import { cancelOrderInTx } from "./cancel";
import { joinStationBatches } from "./confirm-into-batch";
import { issuePickupCode } from "./pickup-code";
import { lockOrder, moveOrder } from "./transitions";

/**
 * Sends the buyer to pay an awaiting_payment order: reuses the open Checkout Session of the latest attempt,
 * or opens a new attempt (a new idempotency key) when there is none or it ended.
 */
export async function startOnlinePayment(
  viewer: Viewer | null,
  number: string,
  origin: string,
): Promise<{ url: string }> {
  assertViewer(viewer);
  const db = await getDb();
  const [order] = await db
    .select()
    .from(s.orders)
    .where(and(eq(s.orders.number, number), eq(s.orders.buyerId, viewer.userId)));
  if (!order) throw new AppError("NOT_FOUND", "order not found");
  if (order.status !== "awaiting_payment") throw new AppError("INVALID_STATE", `order is ${order.status}`);
  // A 拼团 order pays from its team page: a card there is only authorised (captured when the team forms).
  if (order.channel === "team") throw new AppError("INVALID_STATE", "a team order is paid from its team page");
  const lines = await db
    .select()
    .from(s.orderLines)
    .where(and(eq(s.orderLines.orderId, order.id), ne(s.orderLines.status, "cancelled")))
    .orderBy(asc(s.orderLines.id));
  const items = lines.map((l) => ({
    name: `${l.productNameZh} ${l.variantLabelZh}`,
    unitAmountFen: l.unitPriceFen,
    quantity: l.quantity,
  }));
  if (order.deliveryFeeFen > 0)
    items.push({ name: "配送费 Delivery", unitAmountFen: order.deliveryFeeFen, quantity: 1 });
  return openCheckoutAttempt(db, {
    orderId: order.id,
    lines: items,
    expiresAt: order.holdExpiresAt ?? new Date(now().getTime() + 30 * 60_000),
    successUrl: `${origin}/orders/${order.number}/paid?session_id={CHECKOUT_SESSION_ID}`,
    cancelUrl: `${origin}/orders/${order.number}?payment=cancelled`,
    methods: onlineMethods,
  });
}

/**
 * THE fulfillment function, safe to call at once from the success page, the webhook and the reconciliation
 * sweep: it applies Stripe's current session to the order under a row lock. Exactly one call moves an order
 * to paid (and issues one pickup code); a payment that differs from the order is held for review; a payment
 * for an order already cancelled (its hold expired and the stock went to someone else) is refunded, once.
 */
export async function applyCheckoutSession(
  tx: Tx,
  session: CheckoutView,
): Promise<"paid" | "already" | "review" | "refunding" | "cancelled" | "pending" | "ignored"> {
  const attempt = await attemptBySession(tx, session.id);
  const orderId = attempt?.orderId ?? session.orderId;
  if (!orderId) return "ignored";
  const order = await lockOrder(tx, { id: orderId });
  if (!order) return "ignored";
  const at = now();
  if (session.paymentStatus === "paid") {
    if (attempt) await updateAttemptFromSession(tx, attempt, session, "paid");
    if (
      order.paymentStatus === "paid" ||
      order.paymentStatus === "refund_pending" ||
      order.paymentStatus === "refunded"
    )
      return "already";
    if (session.amountFen !== order.totalFen || session.currency.toLowerCase() !== "cny") {
      await tx
        .update(s.orders)
        .set({
          paymentStatus: "needs_review",
          reviewReason: `paid ${session.amountFen} ${session.currency} for ${order.totalFen} cny`,
          updatedAt: at,
        })
        .where(eq(s.orders.id, order.id));
      return "review";
    }
    if (order.status === "awaiting_payment") {
      await moveOrder(
        tx,
        order,
        "placed",
        { actorId: null, at, note: "paid online" },
        { paymentStatus: "paid", holdExpiresAt: null },
      );
      // Paid, it joins its station's batch (the next delivery day from now) and gets its code. A 拼团 order does
      // both when its team completes.
      if (order.fulfillment === "pickup" && order.stationId && order.channel !== "team") {
        await joinStationBatches(tx, order, at);
        await issuePickupCode(tx, order.id, order.stationId);
      }
      return "paid";
    }
    // Paid after the order was cancelled (hold expired, stock resold): give the money back, once.
    await tx.update(s.orders).set({ paymentStatus: "paid", updatedAt: at }).where(eq(s.orders.id, order.id));
    await requestRefund(tx, { orderId: order.id, amountFen: session.amountFen, reason: "late_payment" });
    await tx.update(s.orders).set({ paymentStatus: "refund_pending" }).where(eq(s.orders.id, order.id));
    return "refunding";
  }
  if (session.paymentStatus === "authorized") {
    // A card held now, captured later (a 拼团 member's): the order goes ahead with its money on hold.
    if (attempt) await updateAttemptFromSession(tx, attempt, session, "authorized");
    if (order.paymentStatus === "authorized" || order.paymentStatus === "paid") return "already";
    if (session.amountFen !== order.totalFen || session.currency.toLowerCase() !== "cny") {
      await tx
        .update(s.orders)
        .set({
          paymentStatus: "needs_review",
          reviewReason: `authorised ${session.amountFen} ${session.currency} for ${order.totalFen} cny`,
          updatedAt: at,
        })
        .where(eq(s.orders.id, order.id));
      return "review";
    }
    if (order.status === "awaiting_payment") {
      await moveOrder(
        tx,
        order,
        "placed",
        { actorId: null, at, note: "card authorised" },
        { paymentStatus: "authorized", holdExpiresAt: null },
      );
      return "paid";
    }
    // Authorised after the order was cancelled: the hold must be released (the team's settlement does it).
    await tx.update(s.orders).set({ paymentStatus: "authorized", updatedAt: at }).where(eq(s.orders.id, order.id));
    return "cancelled";
  }
  if (session.status === "complete") {
    if (attempt) await updateAttemptFromSession(tx, attempt, session, "processing");
    return "pending"; // an async method (bank) completed the form; its success or failure comes later
  }
  if (session.status === "open") return "pending";
  if (attempt) await updateAttemptFromSession(tx, attempt, session, "expired");
  // An older attempt ending does not end the order while the buyer is paying through a newer one.
  const latest = await latestAttempt(tx, order.id);
  const newerOpen =
    latest &&
    latest.checkoutSessionId !== session.id &&
    (latest.status === "open" || latest.status === "processing" || latest.status === "creating");
  if (order.status === "awaiting_payment" && !newerOpen) {
    await cancelOrderInTx(tx, order, { actorId: null, at, reason: "payment_expired" });
    return "cancelled";
  }
  return "already";
}

/**
 * A session the app itself just ended, before a change of its own to the order (the buyer cancelling): an
 * expired one only closes its attempt — the change goes on, with its own reason — while one that was paid or
 * completed meanwhile is applied like any other.
 */
export async function applyEndedSession(tx: Tx, session: CheckoutView): Promise<void> {
  if (session.status !== "expired") {
    await applyCheckoutSession(tx, session);
    return;
  }
  const attempt = await attemptBySession(tx, session.id);
  if (attempt) await updateAttemptFromSession(tx, attempt, session, "expired");
}

/** A delayed payment failed: the order is cancelled and its stock released, once. */
export async function failCheckoutSession(tx: Tx, session: CheckoutView): Promise<void> {
  const attempt = await attemptBySession(tx, session.id);
  if (attempt) await updateAttemptFromSession(tx, attempt, session, "failed");
  const order = await lockOrder(tx, { id: attempt?.orderId ?? session.orderId ?? "" });
  if (order?.status === "awaiting_payment") {
    await cancelOrderInTx(tx, order, { actorId: null, at: now(), reason: "payment_failed" });
    await notify(tx, {
      userId: order.buyerId,
      kind: "payment_failed",
      params: { number: order.number },
      link: `/orders/${order.number}`,
      dedupeKey: `payment_failed:${order.id}`,
    });
  }
}

/** Fetches the session from Stripe (the source of truth when events arrive out of order) and applies it. */
export async function syncCheckoutSession(sessionId: string) {
  const session = await retrieveCheckoutSession(sessionId);
  const db = await getDb();
  return db.transaction((tx) => applyCheckoutSession(tx, session));
}

/** The buyer came back from Stripe: apply that session, if it is one of theirs. */
export async function confirmReturnFromCheckout(viewer: Viewer | null, number: string, sessionId: string) {
  assertViewer(viewer);
  const db = await getDb();
  const [row] = await db
    .select({ id: s.payments.id })
    .from(s.payments)
    .innerJoin(s.orders, eq(s.orders.id, s.payments.orderId))
    .where(
      and(
        eq(s.payments.checkoutSessionId, sessionId),
        eq(s.orders.number, number),
        eq(s.orders.buyerId, viewer.userId),
      ),
    );
  if (!row) return "ignored";
  return syncCheckoutSession(sessionId);
}

/**
 * Ends every live payment attempt of an unpaid order at Stripe (open sessions expired, a creation that never
 * answered sent again to learn its session), with no transaction open. Returns the sessions as Stripe has them
 * now — one paid meanwhile comes back paid, to be applied — and whether Stripe could not be reached (then the
 * rest is left to expireLeftoverSessions).
 */
export async function endOrderSessions(
  db: Db,
  orderId: string,
): Promise<{ sessions: CheckoutView[]; unreachable: boolean }> {
  const live = await db
    .select()
    .from(s.payments)
    .where(and(eq(s.payments.orderId, orderId), inArray(s.payments.status, ["creating", "open", "processing"])));
  const sessions: CheckoutView[] = [];
  for (const p of live) {
    const outcome = await endAttempt(db, p);
    if (outcome === "unreachable") return { sessions, unreachable: true };
    if (outcome) sessions.push(outcome);
  }
  return { sessions, unreachable: false };
}

async function endAttempt(db: Db, p: PaymentRow): Promise<CheckoutView | "unreachable" | null> {
  try {
    const session = await endAttemptSession(db, p);
    // Nothing at Stripe to end (a creation Stripe refused for good): the attempt is over.
    if (!session)
      await db
        .update(s.payments)
        .set({ status: "expired", updatedAt: new Date() })
        .where(and(eq(s.payments.id, p.id), inArray(s.payments.status, ["creating", "open"])));
    return session;
  } catch (err) {
    if (isAppError(err) && err.code === "NOT_FOUND") {
      await db.update(s.payments).set({ status: "expired", updatedAt: new Date() }).where(eq(s.payments.id, p.id));
      return null;
    }
    if (isAppError(err) && err.code === "PAYMENT_PROVIDER") {
      console.warn("[payments] could not end a checkout session, will retry:", err.message);
      return "unreachable";
    }
    throw err;
  }
}

/**
 * The sweep: unpaid orders past their hold. Stripe's sessions live at least 30 minutes, so the app expires the
 * session itself first (no transaction open); one that was paid meanwhile is applied instead. Then the order is
 * cancelled and its stock returns, once — at the hold time even when Stripe cannot be reached: the sessions it
 * could not end are left open on a cancelled order, ended later by expireLeftoverSessions, and a payment that
 * lands on one after all is refunded once (applyCheckoutSession). After the first failure to reach Stripe the
 * run stops asking it, so an outage does not make every hold wait for a timeout.
 */
export async function expirePaymentHolds(at: Date, limit = 50): Promise<number> {
  const db = await getDb();
  const due = await db
    .select({ id: s.orders.id })
    .from(s.orders)
    .where(
      and(
        eq(s.orders.status, "awaiting_payment"),
        isNotNull(s.orders.holdExpiresAt),
        lte(s.orders.holdExpiresAt, at),
        ne(s.orders.paymentStatus, "needs_review"),
      ),
    )
    .orderBy(asc(s.orders.holdExpiresAt))
    .limit(limit);
  let expired = 0;
  let stripeDown = false;
  for (const { id } of due) {
    const ended: { sessions: CheckoutView[]; unreachable: boolean } = stripeDown
      ? { sessions: [], unreachable: true }
      : await endOrderSessions(db, id);
    stripeDown ||= ended.unreachable;
    const outcome = await db.transaction(async (tx) => {
      let cancelled = false;
      for (const session of ended.sessions) {
        const applied = await applyCheckoutSession(tx, session);
        if (applied === "paid") return "paid";
        cancelled ||= applied === "cancelled";
      }
      const order = await lockOrder(tx, { id });
      if (order?.status !== "awaiting_payment") return cancelled ? "expired" : "moved";
      await cancelOrderInTx(tx, order, { actorId: null, at, reason: "payment_expired" });
      return "expired";
    });
    if (outcome === "expired") expired++;
  }
  return expired;
}

/**
 * The sweep: sessions still open (or never confirmed created) on orders already cancelled — a hold that ran out
 * while Stripe was down, a buyer who cancelled then — are ended now; one paid meanwhile is applied, which
 * refunds it once. Stops at the first failure to reach Stripe.
 */
export async function expireLeftoverSessions(limit = 20): Promise<number> {
  const db = await getDb();
  const rows = await db
    .select({ payment: s.payments })
    .from(s.payments)
    .innerJoin(s.orders, eq(s.orders.id, s.payments.orderId))
    .where(and(inArray(s.payments.status, ["creating", "open"]), eq(s.orders.status, "cancelled")))
    .orderBy(asc(s.payments.updatedAt))
    .limit(limit);
  let ended = 0;
  for (const { payment } of rows) {
    const outcome = await endAttempt(db, payment);
    if (outcome === "unreachable") break;
    if (outcome) await db.transaction((tx) => applyCheckoutSession(tx, outcome));
    ended++;
  }
  return ended;
}

/** Reconciliation: paid sessions of the last day whose order does not know it yet (a lost webhook, a crash). */
export async function reconcileCheckoutSessions(since: Date): Promise<number> {
  const sessions = await listCheckoutSessionsSince(since);
  const db = await getDb();
  let repaired = 0;
  for (const session of sessions.filter((x) => x.paymentStatus === "paid")) {
    const result = await db.transaction((tx) => applyCheckoutSession(tx, session));
    if (result === "paid" || result === "refunding" || result === "review") repaired++;
  }
  return repaired;
}
