import { and, eq, inArray } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import type { Viewer } from "../auth/contract";
import { setClockForTests } from "../core/clock";
import * as s from "../db/schema";
import { createCoop, createProduct, createStation } from "../db/seed/factories";
import { setupTestDb } from "../db/test-db";
import { stockInvariantViolations } from "../inventory/invariant";
import { expirePaymentHolds } from "../orders";
import { processRefunds } from "../payments";
import { deliver, setupFakeStripe } from "../../tests/support/stripe";
import { createViewer, idemKey } from "../../tests/support/viewers";
import type { TeamPayMethod } from "./team-contract";
import { createTeamDeal, joinTeam, openTeam } from "../../tests/support/forms/group-buys";
import type { TeamEntry } from "./team-join";
import { expireTeams } from "./team-lifecycle";
import { settleTeamPayments, startTeamPayment, syncPendingTeamMembers } from "./team-settle";

const t = setupTestDb();
const stripe = setupFakeStripe();
afterEach(() => setClockForTests(null));

const ORIGIN = "http://shop.test";
const OPEN = new Date("2026-11-28T02:00:00Z");
const HOUR = 3_600_000;

async function world(teamSize = 3) {
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
  return { station, variant: variants[0]!, dealId };
}

type World = Awaited<ReturnType<typeof world>>;

/** A buyer opens (no team yet) or joins a team with a method; online ones go through Checkout and pay there. */
async function enter(
  w: World,
  payMethod: TeamPayMethod,
  teamId?: string,
  opts: { pay?: boolean } = {},
): Promise<{ buyer: Viewer; entry: TeamEntry; sessionId?: string }> {
  const buyer = await createViewer(t.db);
  const input = { stationId: w.station.id, payMethod, idempotencyKey: idemKey() };
  const entry = teamId
    ? await joinTeam(buyer, { ...input, teamId })
    : await openTeam(buyer, { ...input, dealId: w.dealId });
  if (payMethod === "pay_at_pickup") return { buyer, entry };
  const { url } = await startTeamPayment(buyer, entry.orderNumber, ORIGIN);
  const sessionId = url.split("/pay/")[1]!;
  if (opts.pay ?? true) await pay(sessionId, payMethod === "card" ? "card" : "alipay");
  return { buyer, entry, sessionId };
}

/** Stripe's side: the buyer completes the hosted page; the signed webhook reaches our route. */
async function pay(sessionId: string, method: string) {
  await stripe.fake.complete(sessionId, "paid", method);
  const { payload, header } = await stripe.fake.emit(
    "checkout.session.completed",
    stripe.fake.sessions.get(sessionId)!,
    { deliver: false },
  );
  const res = await deliver(payload, header);
  expect(res.status).toBe(200);
}

const orderOf = async (id: string) => (await t.db.select().from(s.orders).where(eq(s.orders.id, id)))[0]!;
const memberOf = async (orderId: string) =>
  (await t.db.select().from(s.teamMembers).where(eq(s.teamMembers.orderId, orderId)))[0]!;
const teamOf = async (id: string) => (await t.db.select().from(s.teams).where(eq(s.teams.id, id)))[0]!;
const stockOf = async (id: string) => (await t.db.select().from(s.variants).where(eq(s.variants.id, id)))[0]!.stock;
const calls = (path: RegExp, key?: string) =>
  stripe.fake.requests.filter(
    (r) => r.method === "POST" && path.test(r.path) && (key === undefined || r.idempotencyKey === key),
  );

describe("paying for a team", () => {
  it("a card is authorised (manual capture), a wallet charged now; a member holds the seat while paying", async () => {
    const w = await world();
    const a = await enter(w, "pay_at_pickup");
    const b = await enter(w, "card", a.entry.teamId, { pay: false });
    expect(b.entry.needsPayment).toBe(true);
    expect(await teamOf(a.entry.teamId)).toMatchObject({ seats: 2, status: "forming" });
    const session = calls(/^\/v1\/checkout\/sessions$/).find((r) => r.body.client_reference_id === b.entry.orderId)!;
    expect(session.body).toMatchObject({
      allowed_payment_method_types: ["card"],
      payment_intent_data: { capture_method: "manual" },
      line_items: [{ price_data: { unit_amount: "5990" } }],
    });
    expect(await memberOf(b.entry.orderId)).toMatchObject({ status: "pending_payment" });
    await pay(b.sessionId!, "card");
    expect(await memberOf(b.entry.orderId)).toMatchObject({ status: "joined" });
    expect(await orderOf(b.entry.orderId)).toMatchObject({
      status: "placed",
      paymentStatus: "authorized",
      pickupCode: null,
    });
    expect(stripe.fake.intents.get(String(stripe.fake.sessions.get(b.sessionId!)!.payment_intent))!.status).toBe(
      "requires_capture",
    );
    const c = await enter(w, "wallet", a.entry.teamId, { pay: false });
    const wallet = calls(/^\/v1\/checkout\/sessions$/).find((r) => r.body.client_reference_id === c.entry.orderId)!;
    expect(wallet.body.allowed_payment_method_types).toEqual(["alipay", "wechat_pay"]);
    expect(wallet.body.payment_intent_data).not.toHaveProperty("capture_method");
  });

  it("mixed methods on success: the last payment completes the team; only the card is captured, once, even when settlement runs again", async () => {
    const w = await world();
    const a = await enter(w, "pay_at_pickup");
    const b = await enter(w, "card", a.entry.teamId);
    const c = await enter(w, "wallet", a.entry.teamId);
    expect(await teamOf(a.entry.teamId)).toMatchObject({ status: "completed" });
    expect(calls(/\/capture$/, `capture:${b.entry.orderId}`)).toHaveLength(1);
    expect(calls(/\/capture$/)).toHaveLength(1);
    expect(await orderOf(a.entry.orderId)).toMatchObject({ status: "confirmed", paymentStatus: "unpaid" });
    expect(await orderOf(b.entry.orderId)).toMatchObject({ status: "confirmed", paymentStatus: "paid" });
    expect(await orderOf(c.entry.orderId)).toMatchObject({ status: "confirmed", paymentStatus: "paid" });
    expect(await memberOf(b.entry.orderId)).toMatchObject({ settleAction: null, settleOutcome: "captured" });
    // Settlement again, twice at once and once more: nothing is captured twice.
    await Promise.all([settleTeamPayments(), settleTeamPayments()]);
    await settleTeamPayments();
    expect(calls(/\/capture$/)).toHaveLength(1);
    expect(calls(/\/cancel$|^\/v1\/refunds$/)).toHaveLength(0);
    for (const o of [a, b, c]) expect((await orderOf(o.entry.orderId)).pickupCode).toMatch(/^\d{6}$/);
  });

  it("mixed methods on failure (2 of 3 at the deadline): the hold released and the charge refunded exactly once, stock back", async () => {
    const w2 = await world();
    const d = await enter(w2, "card");
    const e = await enter(w2, "wallet", d.entry.teamId, { pay: false });
    await pay(e.sessionId!, "wechat_pay");
    expect(await stockOf(w2.variant.id)).toBe(48);
    const late = new Date(OPEN.getTime() + 24 * HOUR + 1000);
    setClockForTests(late);
    await t.db.transaction((tx) => expireTeams(tx, late));
    await Promise.all([settleTeamPayments(), settleTeamPayments()]);
    await settleTeamPayments();
    await processRefunds();
    expect(await teamOf(d.entry.teamId)).toMatchObject({ status: "failed" });
    expect(calls(/\/cancel$/, `cancel:${d.entry.orderId}`)).toHaveLength(1);
    expect(
      calls(/^\/v1\/refunds$/).filter(
        (r) => r.body.payment_intent === stripe.fake.sessions.get(e.sessionId!)!.payment_intent,
      ),
    ).toHaveLength(1);
    expect(calls(/^\/v1\/refunds$/, `refund:${e.entry.orderId}`)).toHaveLength(1);
    expect(await orderOf(d.entry.orderId)).toMatchObject({
      status: "cancelled",
      cancelReason: "team_failed",
      paymentStatus: "released",
    });
    expect(await orderOf(e.entry.orderId)).toMatchObject({
      status: "cancelled",
      cancelReason: "team_failed",
      paymentStatus: "refunded",
    });
    expect(stripe.fake.intents.get(String(stripe.fake.sessions.get(d.sessionId!)!.payment_intent))!.status).toBe(
      "canceled",
    );
    expect(await stockOf(w2.variant.id)).toBe(50);
    expect(await memberOf(d.entry.orderId)).toMatchObject({ settleAction: null, settleOutcome: "released" });
    expect(await memberOf(e.entry.orderId)).toMatchObject({ settleAction: null, settleOutcome: "refunded" });
    expect(await stockInvariantViolations(t.db)).toEqual([]);
    // The whole sweep again: nothing more goes to Stripe.
    const before = stripe.fake.requests.filter((r) => r.method === "POST").length;
    await t.db.transaction((tx) => expireTeams(tx, late));
    await settleTeamPayments();
    await processRefunds();
    expect(stripe.fake.requests.filter((r) => r.method === "POST").length).toBe(before);
  });

  it("a card declined at capture, or whose hold lapsed, drops that member (told, stock back); the rest proceed", async () => {
    const w = await world(4);
    const a = await enter(w, "pay_at_pickup");
    const b = await enter(w, "card", a.entry.teamId);
    const c = await enter(w, "card", a.entry.teamId);
    stripe.fake.declineCaptureFor.add(b.entry.orderId);
    stripe.fake.expireAuthorization(String(stripe.fake.sessions.get(c.sessionId!)!.payment_intent));
    const d = await enter(w, "wallet", a.entry.teamId);
    expect(await teamOf(a.entry.teamId)).toMatchObject({ status: "completed" });
    expect(await orderOf(b.entry.orderId)).toMatchObject({ status: "cancelled", cancelReason: "team_payment_failed" });
    expect(await orderOf(c.entry.orderId)).toMatchObject({ status: "cancelled", cancelReason: "team_payment_failed" });
    expect(await memberOf(b.entry.orderId)).toMatchObject({ status: "dropped", settleOutcome: "capture_failed" });
    expect(await orderOf(a.entry.orderId)).toMatchObject({ status: "confirmed" });
    expect(await orderOf(d.entry.orderId)).toMatchObject({ status: "confirmed", paymentStatus: "paid" });
    const told = await t.db
      .select()
      .from(s.notifications)
      .where(
        and(
          eq(s.notifications.kind, "team_member_dropped"),
          inArray(s.notifications.userId, [b.buyer.userId, c.buyer.userId]),
        ),
      );
    expect(told).toHaveLength(2);
    expect(await stockOf(w.variant.id)).toBe(48);
    await settleTeamPayments();
    expect(calls(/\/capture$/, `capture:${b.entry.orderId}`)).toHaveLength(1);
    expect(await stockInvariantViolations(t.db)).toEqual([]);
  });

  it("a member who never pays loses the seat when their hold runs out; the seat is free again", async () => {
    const w = await world(2);
    const a = await enter(w, "pay_at_pickup");
    const b = await enter(w, "wallet", a.entry.teamId, { pay: false });
    expect(await teamOf(a.entry.teamId)).toMatchObject({ seats: 2 });
    const past = new Date(OPEN.getTime() + 20 * 60_000);
    setClockForTests(past);
    await expirePaymentHolds(past);
    await syncPendingTeamMembers();
    expect(await memberOf(b.entry.orderId)).toMatchObject({ status: "dropped" });
    expect(await teamOf(a.entry.teamId)).toMatchObject({ seats: 1, status: "forming" });
    expect(await stockOf(w.variant.id)).toBe(49);
    const c = await enter(w, "pay_at_pickup", a.entry.teamId);
    expect(c.entry.completed).toBe(true);
  });

  it("a late payment for a failed team's member is refunded, once", async () => {
    const w = await world();
    const a = await enter(w, "pay_at_pickup");
    const b = await enter(w, "wallet", a.entry.teamId, { pay: false });
    const late = new Date(OPEN.getTime() + 24 * HOUR + 1000);
    setClockForTests(late);
    await t.db.transaction((tx) => expireTeams(tx, late));
    expect(await orderOf(b.entry.orderId)).toMatchObject({ status: "cancelled" });
    // The buyer was still on the hosted page: the payment lands after the team failed.
    await pay(b.sessionId!, "alipay");
    await settleTeamPayments();
    await processRefunds();
    expect(calls(/^\/v1\/refunds$/, `refund:${b.entry.orderId}`)).toHaveLength(1);
    expect(
      calls(/^\/v1\/refunds$/).filter(
        (r) => r.body.payment_intent === stripe.fake.sessions.get(b.sessionId!)!.payment_intent,
      ),
    ).toHaveLength(1);
    expect(await orderOf(b.entry.orderId)).toMatchObject({ status: "cancelled", paymentStatus: "refunded" });
    expect(await memberOf(b.entry.orderId)).toMatchObject({ status: "dropped", settleAction: null });
  });
});
