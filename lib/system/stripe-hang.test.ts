/**
 * Fault test (RELIABILITY F2, P9, P10, F4): Stripe hangs 30 s on create, capture, refund and expire. Nothing
 * waits on Stripe with a transaction open, nothing is charged or refunded twice, and holds still end on time.
 * Outcomes are asserted, not timings — except the buyer's "within 10 s", measured loosely.
 */
import { and, eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import type { Viewer } from "../auth/contract";
import { setClockForTests } from "../core/clock";
import { errorCodes, isAppError } from "../core/errors";
import * as s from "../db/schema";
import { createCoop, createProduct, createStation } from "../db/seed/factories";
import { setupTestDb } from "../db/test-db";
import { stockInvariantViolations } from "../inventory/invariant";
import { REFUND_LEASE_MS, processRefunds } from "../payments";
import { deliver, setupFakeStripe } from "../../tests/support/stripe";
import { createViewer, idemKey } from "../../tests/support/viewers";
import { settleTeamPayments, startTeamPayment, type TeamEntry } from "../group-buys";
import { createTeamDeal, joinTeam, openTeam } from "../../tests/support/forms/group-buys";
import { SETTLE_LEASE_MS } from "../group-buys/team-settle";
import { confirmReturnFromCheckout, expireLeftoverSessions, expirePaymentHolds, startOnlinePayment } from "../orders";
import { cancelMyOrder, checkout } from "../../tests/support/forms/orders";
import { runSweep } from "./sweep";

const t = setupTestDb();
const stripe = setupFakeStripe();
const ORIGIN = "http://shop.test";
const HANG = 30_000;
afterEach(() => {
  setClockForTests(null);
  stripe.fake.failures.length = 0;
});

async function unpaidOrder(quantity = 1) {
  const coop = await createCoop(t.db);
  const station = await createStation(t.db);
  const { variants } = await createProduct(t.db, {
    coopId: coop.id,
    nameZh: "湖墩大米",
    variants: [{ priceFen: 6980, stock: 10 }],
  });
  const buyer = await createViewer(t.db);
  const { number } = await checkout(buyer, {
    idempotencyKey: idemKey(),
    lines: JSON.stringify([{ variantId: variants[0]!.id, quantity }]),
    fulfillment: "pickup",
    stationId: station.id,
    paymentMethod: "online",
  });
  const id = (await t.db.select().from(s.orders).where(eq(s.orders.number, number)))[0]!.id;
  return { buyer, number, id, variant: variants[0]! };
}

const orderRow = async (id: string) => (await t.db.select().from(s.orders).where(eq(s.orders.id, id)))[0]!;
const stockOf = async (id: string) => (await t.db.select().from(s.variants).where(eq(s.variants.id, id)))[0]!.stock;
const sessionsOf = (orderId: string) =>
  [...stripe.fake.sessions.values()].filter((x) => x.client_reference_id === orderId);
const until = async (cond: () => boolean) => {
  while (!cond()) await new Promise((r) => setTimeout(r, 20));
};

/** A 拼团 deal on the test clock (its window is in late November 2026). */
const OPEN = new Date("2026-11-28T02:00:00Z");
async function teamWorld(teamSize: number) {
  const coop = await createCoop(t.db);
  const station = await createStation(t.db);
  const { variants } = await createProduct(t.db, {
    coopId: coop.id,
    nameZh: "湖墩大米",
    variants: [{ priceFen: 6980, stock: 50 }],
  });
  const member = await createViewer(t.db, { memberships: [{ kind: "coop", scopeId: coop.id }] });
  setClockForTests(OPEN);
  const { id: dealId } = await createTeamDeal(member, {
    variantId: variants[0]!.id,
    teamPrice: "59.90",
    teamSize: String(teamSize),
    stockCap: "30",
    activeFrom: "2026-11-28T08:00",
    activeTo: "2026-12-05T20:00",
  });
  return { station, dealId };
}

/** A card member opens or joins, and authorises on Stripe's page; `deliverNow: false` leaves the webhook to the caller. */
async function cardMember(
  w: Awaited<ReturnType<typeof teamWorld>>,
  teamId?: string,
): Promise<{ buyer: Viewer; entry: TeamEntry; sessionId: string; event: { payload: string; header: string } }> {
  const buyer = await createViewer(t.db);
  const input = { stationId: w.station.id, payMethod: "card", idempotencyKey: idemKey() };
  const entry = teamId
    ? await joinTeam(buyer, { ...input, teamId })
    : await openTeam(buyer, { ...input, dealId: w.dealId });
  const sessionId = (await startTeamPayment(buyer, entry.orderNumber, ORIGIN)).url.split("/pay/")[1]!;
  await stripe.fake.complete(sessionId, "paid", "card");
  const event = await stripe.fake.emit("checkout.session.completed", stripe.fake.sessions.get(sessionId)!, {
    deliver: false,
  });
  return { buyer, entry, sessionId, event };
}

describe("Stripe hangs 30 s", () => {
  it("on create: the buyer gets a retryable 502 within 10 s; after Stripe recovers the retry gets the same session and paying gives one paid order", async () => {
    const o = await unpaidOrder();
    stripe.fake.failures.push({ path: /^\/v1\/checkout\/sessions$/, mode: "hang", ms: HANG, count: 2, applied: true });
    const started = Date.now();
    const err = await startOnlinePayment(o.buyer, o.number, ORIGIN).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(isAppError(err) && err.code).toBe("PAYMENT_PROVIDER");
    expect(errorCodes[(err as { code: keyof typeof errorCodes }).code]).toBe(502);
    expect(await orderRow(o.id)).toMatchObject({ status: "awaiting_payment", paymentStatus: "pending" });

    const { url } = await startOnlinePayment(o.buyer, o.number, ORIGIN);
    expect(sessionsOf(o.id)).toHaveLength(1);
    const session = sessionsOf(o.id)[0]!;
    expect(url).toContain(session.id);
    expect(stripe.fake.executed(`checkout:${o.id}:1`)).toBe(1);

    await stripe.fake.complete(session.id, "paid");
    const ev = await stripe.fake.emit("checkout.session.completed", session, { deliver: false });
    const [a, b] = await Promise.all([
      deliver(ev.payload, ev.header),
      confirmReturnFromCheckout(o.buyer, o.number, session.id),
    ]);
    expect(a.status).toBe(200);
    expect(["paid", "already"]).toContain(b);
    const row = await orderRow(o.id);
    expect(row).toMatchObject({ status: "placed", paymentStatus: "paid" });
    expect(row.pickupCode).toMatch(/^\d{6}$/);
    expect(
      [...stripe.fake.intents.values()].filter((pi) => (pi.metadata as Record<string, string>).order_id === o.id),
    ).toHaveLength(1);
    const events = await t.db
      .select()
      .from(s.orderEvents)
      .where(and(eq(s.orderEvents.orderId, o.id), eq(s.orderEvents.toStatus, "placed")));
    expect(events).toHaveLength(1);
  });

  it("on a 拼团 capture: the member stays claimed without holding the team, is not captured again while claimed, and is captured exactly once after the lease", async () => {
    const w = await teamWorld(2);
    const a = await cardMember(w);
    expect((await deliver(a.event.payload, a.event.header)).status).toBe(200);
    const b = await cardMember(w, a.entry.teamId);
    // B's authorisation completes the team; A's capture (the first) reaches Stripe, but no answer comes back.
    stripe.fake.failures.push({ path: /\/capture$/, mode: "hang", ms: HANG, count: 2, applied: true });
    const completing = deliver(b.event.payload, b.event.header);
    await until(() => stripe.fake.waiting > 0);
    // While Stripe is silent, the team's row and the members' rows are free: another transaction locks them at
    // once, and sees the capture claimed and not yet answered (no error recorded).
    const locked = await t.db.transaction(async (tx) => {
      await tx.select().from(s.teams).where(eq(s.teams.id, a.entry.teamId)).for("update", { noWait: true });
      return tx
        .select()
        .from(s.teamMembers)
        .where(eq(s.teamMembers.teamId, a.entry.teamId))
        .for("update", { noWait: true });
    });
    expect(locked.map((m) => [m.settleAction, m.settleError])).toEqual([
      ["capture", null],
      ["capture", null],
    ]);
    expect((await completing).status).toBe(200);

    const memberOf = async (orderId: string) =>
      (await t.db.select().from(s.teamMembers).where(eq(s.teamMembers.orderId, orderId)))[0]!;
    const [first, second] = [a, b].sort((x, y) => (x.entry.orderId < y.entry.orderId ? -1 : 1));
    const hung = stripe.fake.requests.find((r) => r.path.endsWith("/capture"))!.idempotencyKey!;
    const [stuck, other] = hung === `capture:${first!.entry.orderId}` ? [first!, second!] : [second!, first!];
    expect(await memberOf(stuck.entry.orderId)).toMatchObject({ settleAction: "capture", settleAttempts: 1 });
    expect((await memberOf(stuck.entry.orderId)).settleClaimedUntil).toBeInstanceOf(Date);
    expect((await memberOf(stuck.entry.orderId)).settleError).toContain("capture payment");
    expect((await orderRow(stuck.entry.orderId)).paymentStatus).toBe("authorized");

    // A run now captures the other member (its claim was never taken) and leaves the claimed one alone.
    await settleTeamPayments();
    expect(await memberOf(other.entry.orderId)).toMatchObject({ settleAction: null, settleOutcome: "captured" });
    expect(stripe.fake.requests.filter((r) => r.idempotencyKey === hung)).toHaveLength(2);
    // After the lease the sweep asks again with the same key: captured once at Stripe.
    setClockForTests(new Date(OPEN.getTime() + SETTLE_LEASE_MS + 1000));
    await runSweep();
    expect(await memberOf(stuck.entry.orderId)).toMatchObject({
      settleAction: null,
      settleOutcome: "captured",
      settleClaimedUntil: null,
    });
    for (const m of [a, b]) {
      expect(stripe.fake.executed(`capture:${m.entry.orderId}`)).toBe(1);
      const pi = stripe.fake.intents.get(String(stripe.fake.sessions.get(m.sessionId)!.payment_intent))!;
      expect(pi).toMatchObject({ status: "succeeded", amount: 5990, amount_received: 5990 });
      expect(await orderRow(m.entry.orderId)).toMatchObject({ status: "confirmed", paymentStatus: "paid" });
    }
    await settleTeamPayments();
    expect(stripe.fake.requests.filter((r) => r.path.endsWith("/capture"))).toHaveLength(4);
  });

  it("on refund: the refund stays claimed without holding its row, is not sent again while claimed, and is carried out exactly once after its lease", async () => {
    const o = await unpaidOrder();
    const { url } = await startOnlinePayment(o.buyer, o.number, ORIGIN);
    const sessionId = url.split("/pay/")[1]!;
    await stripe.fake.complete(sessionId, "paid");
    await confirmReturnFromCheckout(o.buyer, o.number, sessionId);
    await cancelMyOrder(o.buyer, { number: o.number });
    const [requested] = await t.db.select().from(s.refunds).where(eq(s.refunds.orderId, o.id));
    expect(requested).toMatchObject({ status: "requested", amountFen: 6980, idempotencyKey: `refund:${o.id}` });

    stripe.fake.failures.push({ path: /^\/v1\/refunds$/, mode: "hang", ms: HANG, count: 2, applied: true });
    const running = processRefunds();
    await until(() => stripe.fake.waiting > 0);
    // While Stripe is silent the row is free: another transaction locks it without waiting, and sees it claimed
    // and not yet answered (no error recorded).
    const seen = await t.db.transaction(
      async (tx) =>
        (await tx.select().from(s.refunds).where(eq(s.refunds.id, requested!.id)).for("update", { noWait: true }))[0]!,
    );
    expect(seen).toMatchObject({ status: "requested", attempts: 1, lastError: null });
    expect(seen.claimedUntil).toBeInstanceOf(Date);
    expect(await running).toBe(1);
    const afterHang = (await t.db.select().from(s.refunds).where(eq(s.refunds.id, requested!.id)))[0]!;
    expect(afterHang).toMatchObject({ status: "requested", attempts: 1 });
    expect(afterHang.lastError).toContain("create refund");

    // Claimed: a run now sends nothing.
    const sent = stripe.fake.requests.filter((r) => r.idempotencyKey === `refund:${o.id}`).length;
    expect(await processRefunds()).toBe(0);
    expect(stripe.fake.requests.filter((r) => r.idempotencyKey === `refund:${o.id}`)).toHaveLength(sent);
    // After the lease the sweep sends it again, under the same key: Stripe refunded once.
    setClockForTests(new Date(Date.now() + REFUND_LEASE_MS + 1000));
    expect(await processRefunds()).toBe(1);
    expect(stripe.fake.executed(`refund:${o.id}`)).toBe(1);
    const pi = String(stripe.fake.sessions.get(sessionId)!.payment_intent);
    expect([...stripe.fake.refunds.values()].filter((r) => r.payment_intent === pi).map((r) => r.amount)).toEqual([
      6980,
    ]);
    expect(await t.db.select().from(s.refunds).where(eq(s.refunds.orderId, o.id))).toMatchObject([
      { status: "succeeded", attempts: 2, claimedUntil: null },
    ]);
    expect(await orderRow(o.id)).toMatchObject({ status: "cancelled", paymentStatus: "refunded" });
    expect(await processRefunds()).toBe(0);
  });

  it("on refund, with the refund event arriving before the app heard back: the event settles the app's own refund (by its key), nothing is refunded twice", async () => {
    const o = await unpaidOrder();
    const { url } = await startOnlinePayment(o.buyer, o.number, ORIGIN);
    const sessionId = url.split("/pay/")[1]!;
    await stripe.fake.complete(sessionId, "paid");
    await confirmReturnFromCheckout(o.buyer, o.number, sessionId);
    await cancelMyOrder(o.buyer, { number: o.number });
    stripe.fake.failures.push({ path: /^\/v1\/refunds$/, mode: "hang", ms: HANG, count: 2, applied: true });
    await processRefunds();
    const pi = String(stripe.fake.sessions.get(sessionId)!.payment_intent);
    const charge = stripe.fake.charges.get(String(stripe.fake.intents.get(pi)!.latest_charge))!;
    const { refunds: _omit, ...bare } = charge;
    const ev = await stripe.fake.emit("charge.refunded", bare as typeof charge, { deliver: false });
    expect((await deliver(ev.payload, ev.header)).status).toBe(200);
    const rows = await t.db.select().from(s.refunds).where(eq(s.refunds.orderId, o.id));
    expect(rows).toMatchObject([
      { idempotencyKey: `refund:${o.id}`, status: "succeeded", reason: "buyer_cancelled", claimedUntil: null },
    ]);
    expect(rows[0]!.providerRefundId).toMatch(/^re_test_/);
    expect(await orderRow(o.id)).toMatchObject({ paymentStatus: "refunded" });
    setClockForTests(new Date(Date.now() + REFUND_LEASE_MS + 1000));
    expect(await processRefunds()).toBe(0);
    expect(stripe.fake.executed(`refund:${o.id}`)).toBe(1);
  });

  it("on expire: holds are released at their time while Stripe stays down; the session is expired once Stripe is back; a payment that lands meanwhile is refunded once", async () => {
    const a = await unpaidOrder(2);
    const b = await unpaidOrder(3);
    const sa = (await startOnlinePayment(a.buyer, a.number, ORIGIN)).url.split("/pay/")[1]!;
    const sb = (await startOnlinePayment(b.buyer, b.number, ORIGIN)).url.split("/pay/")[1]!;
    stripe.fake.failures.push({ path: /\/expire$/, mode: "hang", ms: HANG, count: 10 });
    const at = new Date(Date.now() + 60 * 60_000);
    expect(await expirePaymentHolds(at)).toBe(2);
    // Both cancelled at the hold sweep's time, stock back — after one timeout, not one per order.
    for (const o of [a, b]) {
      expect(await orderRow(o.id)).toMatchObject({
        status: "cancelled",
        cancelReason: "payment_expired",
        cancelledAt: at,
      });
      expect(await stockOf(o.variant.id)).toBe(10);
    }
    expect(stripe.fake.faulted.filter((f) => f.path.endsWith("/expire"))).toHaveLength(2); // one call and the SDK's retry
    expect(stripe.fake.sessions.get(sa)!.status).toBe("open");
    expect(stripe.fake.sessions.get(sb)!.status).toBe("open");
    // Still down: the leftover sweep gives up at the first timeout, leaving both for later.
    expect(await expireLeftoverSessions()).toBe(0);
    stripe.fake.failures.length = 0;

    // A's buyer was still on Stripe's page and paid: the late payment is refunded, once.
    await stripe.fake.complete(sa, "paid");
    const ev = await stripe.fake.emit("checkout.session.completed", stripe.fake.sessions.get(sa)!, { deliver: false });
    await deliver(ev.payload, ev.header);
    await deliver(ev.payload, ev.header);
    expect(await orderRow(a.id)).toMatchObject({ status: "cancelled", paymentStatus: "refunded" });
    const pi = String(stripe.fake.sessions.get(sa)!.payment_intent);
    expect([...stripe.fake.refunds.values()].filter((r) => r.payment_intent === pi).map((r) => r.amount)).toEqual([
      13960,
    ]);
    expect(stripe.fake.executed(`refund:${a.id}`)).toBe(1);

    // Stripe is back: B's session is expired, once; A's (paid) is left alone.
    expect(await expireLeftoverSessions()).toBe(1);
    expect(stripe.fake.sessions.get(sb)!.status).toBe("expired");
    expect((await t.db.select().from(s.payments).where(eq(s.payments.orderId, b.id))).map((p) => p.status)).toEqual([
      "expired",
    ]);
    const calls = stripe.fake.requests.length;
    expect(await expireLeftoverSessions()).toBe(0);
    expect(stripe.fake.requests.length).toBe(calls);
    expect(await orderRow(b.id)).toMatchObject({ status: "cancelled", paymentStatus: "pending" });
    expect(await stockInvariantViolations(t.db)).toEqual([]);
  });

  it("on create, with the hold running out before Stripe answered: the order is cancelled; the attempt's session is learnt (same key) and expired later", async () => {
    const o = await unpaidOrder();
    stripe.fake.failures.push({ path: /^\/v1\/checkout\/sessions$/, mode: "hang", ms: HANG, count: 2, applied: true });
    await expect(startOnlinePayment(o.buyer, o.number, ORIGIN)).rejects.toMatchObject({ code: "PAYMENT_PROVIDER" });
    expect(await expirePaymentHolds(new Date(Date.now() + 60 * 60_000))).toBe(1);
    expect(await orderRow(o.id)).toMatchObject({ status: "cancelled", cancelReason: "payment_expired" });
    const [session] = sessionsOf(o.id);
    expect(session!.status).toBe("expired");
    expect(stripe.fake.executed(`checkout:${o.id}:1`)).toBe(1);
    expect(
      (await t.db.select().from(s.payments).where(eq(s.payments.orderId, o.id))).map((p) => [
        p.status,
        p.checkoutSessionId,
      ]),
    ).toEqual([["expired", session!.id]]);
  });
});
