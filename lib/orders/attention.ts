import "server-only";
import { and, asc, count, desc, eq, inArray, isNotNull, lte, ne } from "drizzle-orm";
import { recordAudit } from "../audit";
import { assertAdmin } from "../auth";
import type { Viewer } from "../auth/contract";
import { AppError } from "../core/errors";
import { now } from "../core/clock";
import { defineMachine } from "../core/state-machine";
import { getDb, schema as s } from "../db";
import { paidAttempt, processRefunds, requestRefund, retrieveCheckoutSession } from "../payments";
import { cancelOrderInTx } from "./cancel";
import { joinStationBatches } from "./confirm-into-batch";
import type { AttentionOrderInput, NeedsAttentionDto } from "./contract";
import { applyCheckoutSession, endOrderSessions } from "./online-payment";
import { issuePickupCode } from "./pickup-code";
import { lockOrder, moveOrder } from "./transitions";

const LIST_LIMIT = 200;

/**
 * An order's payment under review: the admin accepts it (the payment Stripe holds, paid or authorised, stands)
 * or refunds it. Nothing else leaves needs_review, and nothing comes back to it from these outcomes.
 */
export const paymentReviewMachine = defineMachine<"needs_review" | "paid" | "authorized" | "refund_pending">(
  "payment review",
  { needs_review: ["paid", "authorized", "refund_pending"], paid: [], authorized: [], refund_pending: [] },
);

/** Admin: the three needs-attention lists (oldest first, each capped at 200 rows), with counts and totals in fen. */
export async function listNeedsAttention(viewer: Viewer | null): Promise<NeedsAttentionDto> {
  assertAdmin(viewer);
  const db = await getDb();
  const at = now();
  const reviewRows = await db
    .select({ order: s.orders, buyerName: s.users.name })
    .from(s.orders)
    .innerJoin(s.users, eq(s.users.id, s.orders.buyerId))
    .where(eq(s.orders.paymentStatus, "needs_review"))
    .orderBy(asc(s.orders.updatedAt))
    .limit(LIST_LIMIT);
  const attempts = reviewRows.length
    ? await db
        .select()
        .from(s.payments)
        .where(
          and(
            inArray(
              s.payments.orderId,
              reviewRows.map((r) => r.order.id),
            ),
            inArray(s.payments.status, ["paid", "authorized"]),
          ),
        )
        .orderBy(desc(s.payments.attempt))
    : [];
  const reviews = reviewRows.map(({ order, buyerName }) => {
    const p = attempts.find((a) => a.orderId === order.id);
    return {
      number: order.number,
      status: order.status,
      channel: order.channel,
      buyerName,
      totalFen: order.totalFen,
      paidFen: p?.amountFen ?? null,
      paidCurrency: p?.currency ?? null,
      attemptStatus: p?.status ?? null,
      reviewReason: order.reviewReason,
      placedAt: order.placedAt,
    };
  });
  const failedRefunds = await db
    .select({
      id: s.refunds.id,
      orderNumber: s.orders.number,
      amountFen: s.refunds.amountFen,
      reason: s.refunds.reason,
      attempts: s.refunds.attempts,
      lastError: s.refunds.lastError,
      updatedAt: s.refunds.updatedAt,
    })
    .from(s.refunds)
    .innerJoin(s.orders, eq(s.orders.id, s.refunds.orderId))
    .where(eq(s.refunds.status, "failed"))
    .orderBy(asc(s.refunds.updatedAt))
    .limit(LIST_LIMIT);
  const holdRows = await db
    .select({
      number: s.orders.number,
      id: s.orders.id,
      channel: s.orders.channel,
      buyerName: s.users.name,
      totalFen: s.orders.totalFen,
      holdExpiresAt: s.orders.holdExpiresAt,
    })
    .from(s.orders)
    .innerJoin(s.users, eq(s.users.id, s.orders.buyerId))
    .where(stuckHold(at))
    .orderBy(asc(s.orders.holdExpiresAt))
    .limit(LIST_LIMIT);
  const open = holdRows.length
    ? await db
        .select({ orderId: s.payments.orderId, n: count() })
        .from(s.payments)
        .where(
          and(
            inArray(
              s.payments.orderId,
              holdRows.map((h) => h.id),
            ),
            inArray(s.payments.status, ["creating", "open", "processing"]),
          ),
        )
        .groupBy(s.payments.orderId)
    : [];
  const stuckHolds = holdRows.map(({ id, holdExpiresAt, ...h }) => ({
    ...h,
    holdExpiresAt: holdExpiresAt!,
    openAttempts: open.find((o) => o.orderId === id)?.n ?? 0,
  }));
  const sum = (xs: { totalFen?: number; amountFen?: number }[]) =>
    xs.reduce((a, x) => a + (x.totalFen ?? x.amountFen ?? 0), 0);
  return {
    reviews,
    failedRefunds,
    stuckHolds,
    totals: { reviewsFen: sum(reviews), failedRefundsFen: sum(failedRefunds), stuckHoldsFen: sum(stuckHolds) },
  };
}

/**
 * An online order still holding its stock after its hold ran out: the sweep cancels those within a minute, so
 * one still here is stuck (the sweep is not running, or failed on it). A payment under review is not a hold.
 */
function stuckHold(at: Date) {
  return and(
    eq(s.orders.status, "awaiting_payment"),
    isNotNull(s.orders.holdExpiresAt),
    lte(s.orders.holdExpiresAt, at),
    ne(s.orders.paymentStatus, "needs_review"),
  );
}

const reviewNotOpen = (paymentStatus: string) =>
  new AppError("INVALID_STATE", `payment is ${paymentStatus}, not under review`, {
    params: { from: paymentStatus, to: "paid" },
  });

/**
 * Admin: accepts a payment under review — the order goes ahead as paid (or authorised, for a card hold):
 * awaiting_payment → placed through the order machine, then, like any paid pickup order, it joins its station's
 * batch and gets its pickup code. The `order.accept_review` audit row commits with it. A second accept, or one
 * on an order that was cancelled meanwhile (its stock gone: refund it instead), is refused and writes nothing.
 */
export async function acceptPaymentReview(
  viewer: Viewer | null,
  { number }: AttentionOrderInput,
): Promise<{ status: "placed"; paymentStatus: "paid" | "authorized" }> {
  assertAdmin(viewer);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const order = await lockOrder(tx, { number });
    if (!order) throw new AppError("NOT_FOUND", "order not found");
    if (order.paymentStatus !== "needs_review") throw reviewNotOpen(order.paymentStatus);
    const payment = await paidAttempt(tx, order.id);
    if (!payment || (payment.status !== "paid" && payment.status !== "authorized"))
      throw new AppError("INVALID_STATE", "no payment to accept");
    const paymentStatus = payment.status;
    paymentReviewMachine.assert("needs_review", paymentStatus);
    const before = { status: order.status, paymentStatus: order.paymentStatus, reviewReason: order.reviewReason };
    const at = now();
    await moveOrder(
      tx,
      order,
      "placed",
      { actorId: viewer.userId, at, note: "payment accepted on review" },
      { paymentStatus, holdExpiresAt: null },
    );
    if (paymentStatus === "paid" && order.fulfillment === "pickup" && order.stationId && order.channel !== "team") {
      await joinStationBatches(tx, order, at);
      await issuePickupCode(tx, order.id, order.stationId);
    }
    await recordAudit(tx, {
      actorId: viewer.userId,
      action: "order.accept_review",
      entityKind: "order",
      entityId: order.id,
      before,
      after: { status: "placed", paymentStatus, number: order.number },
    });
    return { status: "placed" as const, paymentStatus };
  });
}

/**
 * Admin: refunds a payment under review, all of what Stripe took (read from Stripe first, with no transaction
 * open). In one transaction the order is cancelled if it was still waiting (its stock comes back), the refund is
 * requested under the order's refund key (`refund:<order>`: once per order, whoever asks), the payment moves to
 * refund_pending and the `order.refund_review` audit row is written; then the refund job carries it out (claim,
 * lease, Stripe outside any transaction). A card hold (authorised, not taken) has nothing to refund: refused.
 */
export async function refundPaymentReview(
  viewer: Viewer | null,
  { number }: AttentionOrderInput,
): Promise<{ refundFen: number }> {
  assertAdmin(viewer);
  const db = await getDb();
  const [found] = await db.select().from(s.orders).where(eq(s.orders.number, number));
  if (!found) throw new AppError("NOT_FOUND", "order not found");
  if (found.paymentStatus !== "needs_review") throw reviewNotOpen(found.paymentStatus);
  const payment = await paidAttempt(db, found.id);
  if (payment?.status !== "paid" || !payment.checkoutSessionId)
    throw new AppError("INVALID_STATE", "no captured payment to refund");
  // Stripe is the source of truth for what was taken; asked with no transaction open.
  const session = await retrieveCheckoutSession(payment.checkoutSessionId);
  if (session.paymentStatus !== "paid" || session.amountFen <= 0)
    throw new AppError("INVALID_STATE", `session is ${session.paymentStatus}`);
  const refundFen = session.amountFen;
  await db.transaction(async (tx) => {
    const order = await lockOrder(tx, { id: found.id });
    if (!order || order.paymentStatus !== "needs_review") throw reviewNotOpen(order?.paymentStatus ?? "unknown");
    paymentReviewMachine.assert("needs_review", "refund_pending");
    const before = { status: order.status, paymentStatus: order.paymentStatus, reviewReason: order.reviewReason };
    const at = now();
    if (order.status === "awaiting_payment")
      await cancelOrderInTx(tx, order, { actorId: viewer.userId, at, reason: "payment_review_refund" });
    const { created } = await requestRefund(tx, { orderId: order.id, amountFen: refundFen, reason: "payment_review" });
    if (!created) throw new AppError("CONFLICT", "a refund of this order exists already");
    const moved = await tx
      .update(s.orders)
      .set({ paymentStatus: "refund_pending", updatedAt: at })
      .where(and(eq(s.orders.id, order.id), eq(s.orders.paymentStatus, "needs_review")))
      .returning({ id: s.orders.id });
    if (!moved.length) throw reviewNotOpen("changed");
    await recordAudit(tx, {
      actorId: viewer.userId,
      action: "order.refund_review",
      entityKind: "order",
      entityId: order.id,
      before,
      after: { status: order.status, paymentStatus: "refund_pending", refundFen, number: order.number },
    });
  });
  await processRefunds().catch((err: unknown) => console.warn("[refunds]", (err as Error).message));
  return { refundFen };
}

/**
 * Admin: ends a stuck payment hold now, as the sweep would have: the order's Checkout Sessions are expired at
 * Stripe first (no transaction open; one paid meanwhile is applied instead, and the order goes ahead), then the
 * order is cancelled through the order machine and its stock comes back, once, with its `order.release_hold`
 * audit row. Only a hold that has run out can be released; a second release is refused.
 */
export async function releaseStuckHold(
  viewer: Viewer | null,
  { number }: AttentionOrderInput,
): Promise<{ outcome: "released" | "paid" }> {
  assertAdmin(viewer);
  const db = await getDb();
  const at = now();
  const [found] = await db
    .select({ id: s.orders.id })
    .from(s.orders)
    .where(and(eq(s.orders.number, number)));
  if (!found) throw new AppError("NOT_FOUND", "order not found");
  const [stuck] = await db
    .select({ id: s.orders.id })
    .from(s.orders)
    .where(and(eq(s.orders.id, found.id), stuckHold(at)));
  if (!stuck) throw new AppError("INVALID_STATE", "no payment hold to release");
  // Stripe unreachable: cancelled anyway (as the sweep does); the sessions left open are ended by its next runs.
  const ended = await endOrderSessions(db, found.id);
  return db.transaction(async (tx) => {
    const before = await lockOrder(tx, { id: found.id });
    if (!before || before.status !== "awaiting_payment") throw new AppError("INVALID_STATE", "hold already ended");
    const was = { status: before.status, paymentStatus: before.paymentStatus, holdExpiresAt: before.holdExpiresAt };
    let endedBySession = false;
    for (const session of ended.sessions) {
      const applied = await applyCheckoutSession(tx, session);
      if (applied === "paid") {
        await recordAudit(tx, {
          actorId: viewer.userId,
          action: "order.release_hold",
          entityKind: "order",
          entityId: before.id,
          before: was,
          after: { status: "placed", paymentStatus: "paid", number },
        });
        return { outcome: "paid" as const };
      }
      // An expired session ends its order by itself (the sweep's own path): that is this release too.
      endedBySession ||= applied === "cancelled";
    }
    const order = (await lockOrder(tx, { id: found.id }))!;
    if (order.status === "awaiting_payment")
      await cancelOrderInTx(tx, order, { actorId: viewer.userId, at, reason: "payment_expired" });
    else if (!endedBySession) throw new AppError("INVALID_STATE", "hold already ended");
    await recordAudit(tx, {
      actorId: viewer.userId,
      action: "order.release_hold",
      entityKind: "order",
      entityId: order.id,
      before: was,
      after: { status: "cancelled", cancelReason: "payment_expired", number },
    });
    return { outcome: "released" as const };
  });
}
