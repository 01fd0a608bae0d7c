import "server-only";
import { and, asc, desc, eq, isNotNull, or } from "drizzle-orm";
import { assertViewer } from "../auth";
import type { Viewer } from "../auth/contract";
import { AppError, isAppError } from "../core/errors";
import { now } from "../core/clock";
import { getDb, schema as s, type Tx } from "../db";
import { confirmReturnFromCheckout, lockOrder } from "../orders";
import {
  captureAuthorization,
  expireCheckoutSession,
  openCheckoutAttempt,
  processRefunds,
  refundedSoFar,
  releaseAuthorization,
  requestRefund,
  retrieveCheckoutSession,
  retrievePaymentIntent,
} from "../payments";
import type { WebhookEventView } from "../payments/contract";
import { completeTeamInTx, dropMemberInTx } from "./team-lifecycle";

type MemberRow = typeof s.teamMembers.$inferSelect;

/**
 * Settles members' payments with the provider, after the commit that decided them, once per member:
 * rows are taken with FOR UPDATE SKIP LOCKED and their action cleared in the same transaction as the
 * outcome, and every provider call carries a per-order idempotency key (`capture:<order>`,
 * `cancel:<order>`, `refund:<order>`), so a second run — or a second instance — captures and refunds
 * nothing twice. A card that cannot be captured (declined, or its hold lapsed) drops that member, who is
 * told; the rest of the team goes on. A provider outage leaves the action for the next sweep.
 */
export async function settleTeamPayments(opts: { teamId?: string; limit?: number } = {}): Promise<{ captured: number; dropped: number; released: number; refunded: number; retry: number }> {
  const db = await getDb();
  const result = { captured: 0, dropped: 0, released: 0, refunded: 0, retry: 0 };
  const candidates = await db
    .select({ id: s.teamMembers.id, teamId: s.teamMembers.teamId })
    .from(s.teamMembers)
    .where(and(isNotNull(s.teamMembers.settleAction), opts.teamId ? eq(s.teamMembers.teamId, opts.teamId) : undefined))
    .orderBy(asc(s.teamMembers.updatedAt))
    .limit(opts.limit ?? 20);
  // One transaction per member, taking the team's lock before the member's — the order joins and payment
  // events use — so a settlement never deadlocks with them, and one member's trouble undoes no one else's.
  for (const c of candidates) {
    await db.transaction(async (tx) => {
      await tx.select({ id: s.teams.id }).from(s.teams).where(eq(s.teams.id, c.teamId)).for("update");
      const [m] = await tx
        .select()
        .from(s.teamMembers)
        .where(and(eq(s.teamMembers.id, c.id), isNotNull(s.teamMembers.settleAction)))
        .for("update", { skipLocked: true });
      if (!m) return; // settled meanwhile, by another run or instance
      const at = now();
      try {
        if (m.settleAction === "capture") {
          (await capture(tx, m, at)) ? result.captured++ : result.dropped++;
        } else {
          const outcome = await release(tx, m);
          if (outcome === "retry") {
            result.retry++;
            return;
          }
          await tx.update(s.teamMembers).set({ settleAction: null, settleOutcome: outcome, settleError: null, settledAt: at, updatedAt: at }).where(eq(s.teamMembers.id, m.id));
          if (outcome === "released") result.released++;
          if (outcome === "refunded") result.refunded++;
        }
      } catch (err) {
        if (!isAppError(err) || err.code !== "PAYMENT_PROVIDER") throw err;
        result.retry++;
        await tx
          .update(s.teamMembers)
          .set({ settleAttempts: m.settleAttempts + 1, settleError: err.message.slice(0, 300), updatedAt: at })
          .where(eq(s.teamMembers.id, m.id));
      }
    });
  }
  // Refunds asked for above are carried out now rather than at the next sweep (each once, by its key).
  if (result.refunded) await processRefunds().catch((err: unknown) => console.warn("[teams] refunds will be retried:", (err as Error).message));
  return result;
}

/** Captures a completed team member's card hold; a final refusal drops the member. Returns whether captured. */
async function capture(tx: Tx, m: MemberRow, at: Date): Promise<boolean> {
  const [payment] = await tx
    .select()
    .from(s.payments)
    .where(and(eq(s.payments.orderId, m.orderId), or(eq(s.payments.status, "authorized"), eq(s.payments.status, "paid"))))
    .orderBy(desc(s.payments.attempt))
    .limit(1);
  const outcome = payment?.paymentIntentId
    ? await captureAuthorization(payment.paymentIntentId, `capture:${m.orderId}`)
    : ({ ok: false, reason: "expired", message: "no authorisation on record" } as const);
  if (outcome.ok) {
    await tx.update(s.payments).set({ status: "paid", updatedAt: at }).where(eq(s.payments.id, payment!.id));
    await tx.update(s.orders).set({ paymentStatus: "paid", updatedAt: at }).where(eq(s.orders.id, m.orderId));
    await tx.update(s.teamMembers).set({ settleAction: null, settleOutcome: "captured", settleError: null, settledAt: at, updatedAt: at }).where(eq(s.teamMembers.id, m.id));
    return true;
  }
  const [team] = await tx.select().from(s.teams).where(eq(s.teams.id, m.teamId)).for("update");
  await dropMemberInTx(tx, team!, m, at, "team_payment_failed", true);
  if (payment) await tx.update(s.payments).set({ status: "failed", failureMessage: outcome.message.slice(0, 300), updatedAt: at }).where(eq(s.payments.id, payment.id));
  await tx.update(s.orders).set({ paymentStatus: "unpaid", updatedAt: at }).where(eq(s.orders.id, m.orderId));
  await tx.update(s.teamMembers).set({ settleAction: null, settleOutcome: "capture_failed", settleError: outcome.message.slice(0, 300), settledAt: at, updatedAt: at }).where(eq(s.teamMembers.id, m.id));
  return false;
}

/**
 * Gives back whatever a failed or dropped member's payment holds, judged from the provider's current state
 * (not from what the app last heard): an open checkout is expired; a card hold is cancelled; a charge is
 * refunded (the order's one refund, `refund:<order>`); a payment still processing is retried later.
 */
async function release(tx: Tx, m: MemberRow): Promise<"released" | "refunded" | "nothing" | "retry"> {
  const attempts = await tx.select().from(s.payments).where(eq(s.payments.orderId, m.orderId)).orderBy(asc(s.payments.attempt));
  let outcome: "released" | "refunded" | "nothing" | "retry" = "nothing";
  for (const p of attempts) {
    let intentId = p.paymentIntentId;
    if (!intentId && p.checkoutSessionId) {
      let session = await retrieveCheckoutSession(p.checkoutSessionId);
      if (session.status === "open") session = await expireCheckoutSession(p.checkoutSessionId);
      intentId = session.paymentIntentId;
      if (intentId) await tx.update(s.payments).set({ paymentIntentId: intentId, updatedAt: new Date() }).where(eq(s.payments.id, p.id));
    }
    if (!intentId) continue;
    const intent = await retrievePaymentIntent(intentId);
    if (intent.status === "requires_capture") {
      await releaseAuthorization(intentId, `cancel:${m.orderId}`);
      await tx.update(s.payments).set({ status: "canceled", updatedAt: new Date() }).where(eq(s.payments.id, p.id));
      await tx.update(s.orders).set({ paymentStatus: "released", updatedAt: new Date() }).where(eq(s.orders.id, m.orderId));
      outcome = "released";
    } else if (intent.status === "succeeded") {
      const order = await lockOrder(tx, { id: m.orderId });
      const rest = (order?.totalFen ?? 0) - (await refundedSoFar(tx, m.orderId));
      await requestRefund(tx, { orderId: m.orderId, amountFen: Math.min(rest, intent.amountFen), reason: "team_failed" });
      if (order && order.paymentStatus !== "refunded" && order.paymentStatus !== "partially_refunded") {
        await tx.update(s.orders).set({ paymentStatus: "refund_pending", updatedAt: new Date() }).where(eq(s.orders.id, m.orderId));
      }
      await tx.update(s.payments).set({ status: "paid", updatedAt: new Date() }).where(eq(s.payments.id, p.id));
      outcome = "refunded";
    } else if (intent.status === "processing" || intent.status === "requires_action" || intent.status === "requires_confirmation") {
      return "retry";
    }
  }
  return outcome;
}

/**
 * A member's payment moved (a webhook, the return from Checkout, the sweep): in one transaction under the
 * team's lock, a paid or authorised member joins — completing the team if they were the last one awaited;
 * a member whose payment never came (their order was cancelled) is dropped and frees the seat; a member of
 * a failed team whose money arrived late is marked for release. Settlement then runs after commit.
 */
export async function syncTeamOrder(orderId: string): Promise<"joined" | "completed" | "dropped" | "release" | "none"> {
  const db = await getDb();
  const result = await db.transaction(async (tx) => {
    const [ref] = await tx.select({ teamId: s.teamMembers.teamId }).from(s.teamMembers).where(eq(s.teamMembers.orderId, orderId));
    if (!ref) return { outcome: "none" as const, teamId: null };
    const [team] = await tx.select().from(s.teams).where(eq(s.teams.id, ref.teamId)).for("update");
    const [m] = await tx.select().from(s.teamMembers).where(eq(s.teamMembers.orderId, orderId)).for("update");
    const [order] = await tx.select().from(s.orders).where(eq(s.orders.id, orderId));
    if (!team || !m || !order) return { outcome: "none" as const, teamId: null };
    const at = now();
    if (m.status === "pending_payment" && order.status === "placed" && team.status === "forming") {
      await tx.update(s.teamMembers).set({ status: "joined", updatedAt: at }).where(eq(s.teamMembers.id, m.id));
      const completed = await completeTeamInTx(tx, team, at);
      return { outcome: completed ? ("completed" as const) : ("joined" as const), teamId: team.id };
    }
    if (m.status === "pending_payment" && order.status === "cancelled") {
      await dropMemberInTx(tx, team, m, at, "payment_expired", false);
      await tx.update(s.teamMembers).set({ settleAction: "release", updatedAt: at }).where(eq(s.teamMembers.id, m.id));
      return { outcome: "dropped" as const, teamId: team.id };
    }
    const moneyHeld = order.paymentStatus === "authorized" || order.paymentStatus === "paid";
    if (order.status === "cancelled" && moneyHeld && !m.settleAction) {
      await tx.update(s.teamMembers).set({ settleAction: "release", updatedAt: at }).where(eq(s.teamMembers.id, m.id));
      return { outcome: "release" as const, teamId: team.id };
    }
    return { outcome: "none" as const, teamId: team.id };
  });
  if (result.teamId && result.outcome !== "joined" && result.outcome !== "none") await settleTeamPayments({ teamId: result.teamId });
  return result.outcome;
}

/** After a Stripe event was applied to the order book: bring the member's team along (webhook route). */
export async function afterTeamPaymentEvent(event: WebhookEventView): Promise<void> {
  if (!event.sessionId && !event.paymentIntentId) return;
  const db = await getDb();
  const [row] = await db
    .select({ orderId: s.payments.orderId, channel: s.orders.channel })
    .from(s.payments)
    .innerJoin(s.orders, eq(s.orders.id, s.payments.orderId))
    .where(event.sessionId ? eq(s.payments.checkoutSessionId, event.sessionId) : eq(s.payments.paymentIntentId, event.paymentIntentId!));
  if (row?.channel === "team") await syncTeamOrder(row.orderId);
}

/**
 * The sweep: members whose payment state moved without a webhook reaching us (a hold that expired, a lost
 * event) are brought along, a few at a time.
 */
export async function syncPendingTeamMembers(limit = 50): Promise<number> {
  const db = await getDb();
  const rows = await db
    .select({ orderId: s.teamMembers.orderId })
    .from(s.teamMembers)
    .innerJoin(s.orders, eq(s.orders.id, s.teamMembers.orderId))
    .where(and(eq(s.teamMembers.status, "pending_payment"), or(eq(s.orders.status, "placed"), eq(s.orders.status, "cancelled"))))
    .limit(limit);
  let moved = 0;
  for (const r of rows) if ((await syncTeamOrder(r.orderId)) !== "none") moved++;
  return moved;
}

/**
 * Sends a member to pay: a card is authorised now and captured only if the team completes (manual
 * capture); Alipay and WeChat Pay have no manual capture, so they are charged now and refunded if it fails.
 */
export async function startTeamPayment(viewer: Viewer | null, orderNumber: string, origin: string): Promise<{ url: string }> {
  assertViewer(viewer);
  const db = await getDb();
  const [row] = await db
    .select({ order: s.orders, member: s.teamMembers })
    .from(s.orders)
    .innerJoin(s.teamMembers, eq(s.teamMembers.orderId, s.orders.id))
    .where(and(eq(s.orders.number, orderNumber), eq(s.orders.buyerId, viewer.userId)));
  if (!row) throw new AppError("NOT_FOUND", "order not found");
  const { order, member } = row;
  if (order.status !== "awaiting_payment" || member.status !== "pending_payment") throw new AppError("INVALID_STATE", `order is ${order.status}`);
  const lines = await db.select().from(s.orderLines).where(eq(s.orderLines.orderId, order.id));
  const card = member.payMethod === "card";
  return openCheckoutAttempt(db, {
    orderId: order.id,
    lines: lines.map((l) => ({ name: `${l.productNameZh} ${l.variantLabelZh} · 拼团`, unitAmountFen: l.unitPriceFen, quantity: l.quantity })),
    expiresAt: order.holdExpiresAt ?? new Date(now().getTime() + 30 * 60_000),
    successUrl: `${origin}/teams/${member.teamId}?session_id={CHECKOUT_SESSION_ID}`,
    cancelUrl: `${origin}/teams/${member.teamId}?payment=cancelled`,
    methods: card ? ["card"] : ["alipay", "wechat_pay"],
    capture: card ? "manual" : "automatic",
  });
}

/** The buyer came back from Checkout to the team page: apply their session and bring the team along. */
export async function confirmTeamReturn(viewer: Viewer | null, orderNumber: string, sessionId: string): Promise<void> {
  assertViewer(viewer);
  const result = await confirmReturnFromCheckout(viewer, orderNumber, sessionId);
  if (result === "ignored") return;
  const db = await getDb();
  const [order] = await db.select({ id: s.orders.id }).from(s.orders).where(and(eq(s.orders.number, orderNumber), eq(s.orders.buyerId, viewer.userId)));
  if (order) await syncTeamOrder(order.id);
}
