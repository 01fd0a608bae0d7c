import "server-only";
import { and, asc, desc, eq, inArray, isNotNull, isNull, lte, or, sql } from "drizzle-orm";
import { assertViewer } from "../auth";
import type { Viewer } from "../auth/contract";
import { AppError, isAppError } from "../core/errors";
import { now } from "../core/clock";
import { getDb, schema as s, type Db, type Tx } from "../db";
import { confirmReturnFromCheckout, lockOrder } from "../orders";
import {
  captureAuthorization,
  markAttemptPaid,
  endAttemptSession,
  openCheckoutAttempt,
  processRefunds,
  refundedSoFar,
  releaseAuthorization,
  requestRefund,
  retrieveCheckoutSession,
  retrievePaymentIntent,
} from "../payments";
import type { CaptureOutcome, WebhookEventView } from "../payments/contract";
import { completeTeamInTx, dropMemberInTx } from "./team-lifecycle";

type MemberRow = typeof s.teamMembers.$inferSelect;
type SettleResult = { captured: number; dropped: number; released: number; refunded: number; retry: number };

/** How long a claimed member is left to the run that claimed it before another run settles it again. */
export const SETTLE_LEASE_MS = 5 * 60_000;

/** What Stripe answered for a member, gathered with no transaction open, then recorded in one. */
type StripeAnswer =
  | { kind: "capture"; paymentId: string | null; outcome: CaptureOutcome }
  | { kind: "release"; retry: boolean; facts: ReleaseFact[] };

interface ReleaseFact {
  paymentId: string;
  /** The PaymentIntent found for the attempt (from its session, when the app did not know it yet). */
  intentId: string | null;
  /** released: a card hold cancelled now or before; charged: the money was taken; ended: a session expired unpaid. */
  state: "released" | "charged" | "ended" | "none";
  amountFen: number;
}

/**
 * Settles members' payments with the provider, after the commit that decided them, once per member, and never
 * with a transaction open while Stripe answers: the members due are claimed (a lease, `settle_claimed_until`)
 * in a short transaction taken with SKIP LOCKED, then Stripe is asked, then the outcome is recorded in a new
 * transaction under the team's and the member's locks (the order joins and payment events take them in that
 * order too). Every call carries a per-order idempotency key (`capture:<order>`, `cancel:<order>`, and the
 * refund's `refund:<order>`), so a second run — or a second instance, or a retry after a crash or a hang left
 * the member claimed until its lease ran out — captures and refunds nothing twice. A card that cannot be
 * captured (declined, or its hold lapsed) drops that member, who is told; the rest of the team goes on. A
 * provider outage keeps the member claimed for a run after the lease, and stops this run (the members it had
 * not asked about yet are handed back).
 */
export async function settleTeamPayments(opts: { teamId?: string; limit?: number } = {}): Promise<SettleResult> {
  const db = await getDb();
  const result: SettleResult = { captured: 0, dropped: 0, released: 0, refunded: 0, retry: 0 };
  const claimed = await claimMembers(db, opts);
  for (const [i, m] of claimed.entries()) {
    let answer: StripeAnswer;
    try {
      answer = m.settleAction === "capture" ? await captureAtStripe(db, m) : await releaseAtStripe(db, m);
    } catch (err) {
      // This member stays claimed until its lease runs out, then a run asks again (same keys). Those claimed
      // with it but not asked yet are handed back for the next run.
      await db
        .update(s.teamMembers)
        .set({ settleError: (err as Error).message.slice(0, 300), updatedAt: now() })
        .where(eq(s.teamMembers.id, m.id));
      await unclaimMembers(
        db,
        claimed.slice(i + 1).map((x) => x.id),
      );
      if (!isAppError(err) || err.code !== "PAYMENT_PROVIDER") throw err;
      result.retry++;
      break;
    }
    await db.transaction((tx) => record(tx, m, answer, result));
  }
  // Refunds asked for above are carried out now rather than at the next sweep (each once, by its key).
  if (result.refunded)
    await processRefunds().catch((err: unknown) =>
      console.warn("[teams] refunds will be retried:", (err as Error).message),
    );
  return result;
}

/** Takes the members due (an action, and no claim or a lapsed one) for this run, in one short transaction. */
async function claimMembers(db: Db, opts: { teamId?: string; limit?: number }): Promise<MemberRow[]> {
  return db.transaction(async (tx) => {
    const at = now();
    const due = await tx
      .select()
      .from(s.teamMembers)
      .where(
        and(
          isNotNull(s.teamMembers.settleAction),
          opts.teamId ? eq(s.teamMembers.teamId, opts.teamId) : undefined,
          or(isNull(s.teamMembers.settleClaimedUntil), lte(s.teamMembers.settleClaimedUntil, at)),
        ),
      )
      .orderBy(asc(s.teamMembers.updatedAt))
      .limit(opts.limit ?? 20)
      .for("update", { skipLocked: true });
    if (due.length) {
      await tx
        .update(s.teamMembers)
        .set({
          settleClaimedUntil: new Date(at.getTime() + SETTLE_LEASE_MS),
          settleAttempts: sql`${s.teamMembers.settleAttempts} + 1`,
        })
        .where(
          inArray(
            s.teamMembers.id,
            due.map((m) => m.id),
          ),
        );
    }
    return due;
  });
}

async function unclaimMembers(db: Db, ids: string[]): Promise<void> {
  if (!ids.length) return;
  await db
    .update(s.teamMembers)
    .set({ settleClaimedUntil: null, settleAttempts: sql`${s.teamMembers.settleAttempts} - 1` })
    .where(inArray(s.teamMembers.id, ids));
}

/** Captures a completed team member's card hold at Stripe (no transaction open). */
async function captureAtStripe(db: Db, m: MemberRow): Promise<StripeAnswer> {
  const [payment] = await db
    .select()
    .from(s.payments)
    .where(
      and(eq(s.payments.orderId, m.orderId), or(eq(s.payments.status, "authorized"), eq(s.payments.status, "paid"))),
    )
    .orderBy(desc(s.payments.attempt))
    .limit(1);
  const outcome: CaptureOutcome = payment?.paymentIntentId
    ? await captureAuthorization(payment.paymentIntentId, `capture:${m.orderId}`)
    : { ok: false, reason: "expired", message: "no authorisation on record" };
  return { kind: "capture", paymentId: payment?.id ?? null, outcome };
}

/**
 * Gives back at Stripe whatever a failed or dropped member's payment holds, judged from the provider's current
 * state (not from what the app last heard), with no transaction open: an open checkout is expired (one whose
 * creation never answered is sent again first, to learn it); a card hold is cancelled. A charge is only
 * reported: the refund is asked for when this is recorded, and carried out by processRefunds. A payment still
 * processing makes the member wait for a later run.
 */
async function releaseAtStripe(db: Db, m: MemberRow): Promise<StripeAnswer> {
  const attempts = await db
    .select()
    .from(s.payments)
    .where(eq(s.payments.orderId, m.orderId))
    .orderBy(asc(s.payments.attempt));
  const facts: ReleaseFact[] = [];
  for (const p of attempts) {
    let intentId = p.paymentIntentId;
    let ended = false;
    if (!intentId && (p.checkoutSessionId || p.status === "creating")) {
      let session = p.checkoutSessionId ? await retrieveCheckoutSession(p.checkoutSessionId) : null;
      if (!session || session.status === "open") session = await endAttemptSession(db, p);
      intentId = session?.paymentIntentId ?? null;
      ended = session?.status === "expired";
    }
    if (!intentId) {
      facts.push({ paymentId: p.id, intentId: null, state: ended ? "ended" : "none", amountFen: 0 });
      continue;
    }
    const intent = await retrievePaymentIntent(intentId);
    if (intent.status === "requires_capture") {
      await releaseAuthorization(intentId, `cancel:${m.orderId}`);
      facts.push({ paymentId: p.id, intentId, state: "released", amountFen: intent.amountFen });
    } else if (intent.status === "succeeded") {
      facts.push({ paymentId: p.id, intentId, state: "charged", amountFen: intent.amountFen });
    } else if (
      intent.status === "processing" ||
      intent.status === "requires_action" ||
      intent.status === "requires_confirmation"
    ) {
      return { kind: "release", retry: true, facts };
    } else {
      // Cancelled already: by an earlier run whose record was lost, or the hold lapsed. Either way nothing is held.
      facts.push({
        paymentId: p.id,
        intentId,
        state: intent.status === "canceled" ? "released" : "none",
        amountFen: 0,
      });
    }
  }
  return { kind: "release", retry: false, facts };
}

/** Records what Stripe answered, under the team's lock then the member's, and releases the claim. */
async function record(tx: Tx, claimed: MemberRow, answer: StripeAnswer, result: SettleResult): Promise<void> {
  const [team] = await tx.select().from(s.teams).where(eq(s.teams.id, claimed.teamId)).for("update");
  const [m] = await tx.select().from(s.teamMembers).where(eq(s.teamMembers.id, claimed.id)).for("update");
  if (!team || !m) return;
  const at = now();
  const settled = (outcome: MemberRow["settleOutcome"], error: string | null = null) =>
    tx
      .update(s.teamMembers)
      .set({
        settleAction: null,
        settleOutcome: outcome,
        settleError: error,
        settledAt: at,
        settleClaimedUntil: null,
        updatedAt: at,
      })
      .where(eq(s.teamMembers.id, m.id));
  const unclaim = () =>
    tx
      .update(s.teamMembers)
      .set({ settleClaimedUntil: null, settleError: null, updatedAt: at })
      .where(eq(s.teamMembers.id, m.id));

  if (answer.kind === "capture") {
    const { outcome, paymentId } = answer;
    if (outcome.ok) {
      if (paymentId) await markAttemptPaid(tx, paymentId, at);
      await tx.update(s.orders).set({ paymentStatus: "paid", updatedAt: at }).where(eq(s.orders.id, m.orderId));
      result.captured++;
      // Cancelled while the capture was under way (the action became "release"): the next run refunds the charge.
      if (m.settleAction === "capture") await settled("captured");
      else await unclaim();
      return;
    }
    if (m.settleAction !== "capture") return void (await unclaim());
    await dropMemberInTx(tx, team, m, at, "team_payment_failed", true);
    if (paymentId)
      await tx
        .update(s.payments)
        .set({ status: "failed", failureMessage: outcome.message.slice(0, 300), updatedAt: at })
        .where(eq(s.payments.id, paymentId));
    await tx.update(s.orders).set({ paymentStatus: "unpaid", updatedAt: at }).where(eq(s.orders.id, m.orderId));
    await settled("capture_failed", outcome.message.slice(0, 300));
    result.dropped++;
    return;
  }

  if (m.settleAction !== "release") return void (await unclaim());
  let outcome: "released" | "refunded" | "nothing" = "nothing";
  for (const f of answer.facts) {
    if (f.intentId)
      await tx
        .update(s.payments)
        .set({ paymentIntentId: f.intentId, updatedAt: at })
        .where(and(eq(s.payments.id, f.paymentId), isNull(s.payments.paymentIntentId)));
    if (f.state === "ended") {
      await tx
        .update(s.payments)
        .set({ status: "expired", updatedAt: at })
        .where(and(eq(s.payments.id, f.paymentId), inArray(s.payments.status, ["creating", "open"])));
    } else if (f.state === "released") {
      await tx.update(s.payments).set({ status: "canceled", updatedAt: at }).where(eq(s.payments.id, f.paymentId));
      await tx.update(s.orders).set({ paymentStatus: "released", updatedAt: at }).where(eq(s.orders.id, m.orderId));
      outcome = "released";
    } else if (f.state === "charged") {
      // The charge is recorded first, so the refund below is taken from money the ledger holds for the buyer.
      await markAttemptPaid(tx, f.paymentId, at);
      const order = await lockOrder(tx, { id: m.orderId });
      const rest = (order?.totalFen ?? 0) - (await refundedSoFar(tx, m.orderId));
      await requestRefund(tx, { orderId: m.orderId, amountFen: Math.min(rest, f.amountFen), reason: "team_failed" });
      if (order && order.paymentStatus !== "refunded" && order.paymentStatus !== "partially_refunded") {
        await tx
          .update(s.orders)
          .set({ paymentStatus: "refund_pending", updatedAt: at })
          .where(eq(s.orders.id, m.orderId));
      }
      outcome = "refunded";
    }
  }
  if (answer.retry) {
    // A payment still processing: the next run looks again.
    result.retry++;
    return void (await unclaim());
  }
  await settled(outcome);
  if (outcome === "released") result.released++;
  if (outcome === "refunded") result.refunded++;
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
    const [ref] = await tx
      .select({ teamId: s.teamMembers.teamId })
      .from(s.teamMembers)
      .where(eq(s.teamMembers.orderId, orderId));
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
  if (result.teamId && result.outcome !== "joined" && result.outcome !== "none")
    await settleTeamPayments({ teamId: result.teamId });
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
    .where(
      event.sessionId
        ? eq(s.payments.checkoutSessionId, event.sessionId)
        : eq(s.payments.paymentIntentId, event.paymentIntentId!),
    );
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
    .where(
      and(
        eq(s.teamMembers.status, "pending_payment"),
        or(eq(s.orders.status, "placed"), eq(s.orders.status, "cancelled")),
      ),
    )
    .limit(limit);
  let moved = 0;
  for (const r of rows) if ((await syncTeamOrder(r.orderId)) !== "none") moved++;
  return moved;
}

/**
 * Sends a member to pay: a card is authorised now and captured only if the team completes (manual
 * capture); Alipay and WeChat Pay have no manual capture, so they are charged now and refunded if it fails.
 */
export async function startTeamPayment(
  viewer: Viewer | null,
  orderNumber: string,
  origin: string,
): Promise<{ url: string }> {
  assertViewer(viewer);
  const db = await getDb();
  const [row] = await db
    .select({ order: s.orders, member: s.teamMembers })
    .from(s.orders)
    .innerJoin(s.teamMembers, eq(s.teamMembers.orderId, s.orders.id))
    .where(and(eq(s.orders.number, orderNumber), eq(s.orders.buyerId, viewer.userId)));
  if (!row) throw new AppError("NOT_FOUND", "order not found");
  const { order, member } = row;
  if (order.status !== "awaiting_payment" || member.status !== "pending_payment")
    throw new AppError("INVALID_STATE", `order is ${order.status}`);
  const lines = await db.select().from(s.orderLines).where(eq(s.orderLines.orderId, order.id));
  const card = member.payMethod === "card";
  return openCheckoutAttempt(db, {
    orderId: order.id,
    lines: lines.map((l) => ({
      name: `${l.productNameZh} ${l.variantLabelZh} · 拼团`,
      unitAmountFen: l.unitPriceFen,
      quantity: l.quantity,
    })),
    expiresAt: order.holdExpiresAt ?? new Date(now().getTime() + 30 * 60_000),
    successUrl: `${origin}/teams/${member.teamId}/paid?session_id={CHECKOUT_SESSION_ID}`,
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
  const [order] = await db
    .select({ id: s.orders.id })
    .from(s.orders)
    .where(and(eq(s.orders.number, orderNumber), eq(s.orders.buyerId, viewer.userId)));
  if (order) await syncTeamOrder(order.id);
}
