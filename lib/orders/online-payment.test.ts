import { and, count, eq, isNull } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { isAppError } from "../core/errors";
import * as s from "../db/schema";
import { createCoop, createProduct, createStation } from "../db/seed/factories";
import { setupTestDb } from "../db/test-db";
import { stockInvariantViolations } from "../inventory/invariant";
import { processRefunds } from "../payments";
import { createViewer, idemKey } from "../../tests/support/viewers";
import { deliver, setupFakeStripe } from "../../tests/support/stripe";
import { actOnCoopLines, cancelMyOrder, checkout } from "../../tests/support/forms/orders";
import { getMyOrder } from "./buyer-queries";
import { coopOrdersCsv, listCoopOrders } from "./coop-queries";
import { getPickList } from "./pick-list";
import { placeOrder } from "./place-order";
import { listStationBatches, listStationOrders } from "./station-console";
import { cancelOrderInTx } from "./cancel";
import {
  confirmReturnFromCheckout,
  expirePaymentHolds,
  reconcileCheckoutSessions,
  startOnlinePayment,
} from "./online-payment";
import { lockOrder } from "./transitions";

const t = setupTestDb();
const stripe = setupFakeStripe();
const ORIGIN = "http://shop.test";

async function onlineOrder(opts: { stock?: number; quantity?: number; twoCoops?: boolean } = {}) {
  const coop = await createCoop(t.db);
  const station = await createStation(t.db);
  const { variants } = await createProduct(t.db, {
    coopId: coop.id,
    nameZh: "湖墩大米",
    variants: [{ priceFen: 6980, stock: opts.stock ?? 10 }],
  });
  const lines = [{ variantId: variants[0]!.id, quantity: opts.quantity ?? 1 }];
  let other: { coopId: string; member: Awaited<ReturnType<typeof createViewer>> } | null = null;
  if (opts.twoCoops) {
    const coopB = await createCoop(t.db);
    const b = (await createProduct(t.db, { coopId: coopB.id, variants: [{ priceFen: 1000, stock: 10 }] })).variants[0]!;
    lines.push({ variantId: b.id, quantity: 2 });
    other = {
      coopId: coopB.id,
      member: await createViewer(t.db, { memberships: [{ kind: "coop", scopeId: coopB.id }] }),
    };
  }
  const buyer = await createViewer(t.db);
  const { number } = await checkout(buyer, {
    idempotencyKey: idemKey(),
    lines: JSON.stringify(lines),
    fulfillment: "pickup",
    stationId: station.id,
    paymentMethod: "online",
  });
  const { url } = await startOnlinePayment(buyer, number, ORIGIN);
  const sessionId = url.split("/pay/")[1]!;
  return { buyer, number, sessionId, variant: variants[0]!, other };
}

const order = async (number: string) => (await t.db.select().from(s.orders).where(eq(s.orders.number, number)))[0]!;
const stockOf = async (id: string) => (await t.db.select().from(s.variants).where(eq(s.variants.id, id)))[0]!.stock;
const processed = async () => (await t.db.select({ n: count() }).from(s.processedEvents))[0]!.n;

async function signedEvent(type: string, sessionId: string, timestamp?: number) {
  return stripe.fake.emit(type, stripe.fake.sessions.get(sessionId)!, { deliver: false, timestamp });
}

describe("online payment: checkout", () => {
  it("an online order holds its stock, has no pickup code, and gets a CNY session priced from the database", async () => {
    const o = await onlineOrder({ quantity: 2 });
    const row = await order(o.number);
    expect(row).toMatchObject({ status: "awaiting_payment", paymentStatus: "pending", pickupCode: null });
    expect(row.holdExpiresAt).toBeInstanceOf(Date);
    expect(await stockOf(o.variant.id)).toBe(8);
    const req = stripe.fake.requests.find(
      (r) => r.path === "/v1/checkout/sessions" && r.body.client_reference_id === row.id,
    )!;
    expect(req.idempotencyKey).toBe(`checkout:${row.id}:1`);
    expect(req.body).toMatchObject({
      currency: "cny",
      metadata: { order_id: row.id },
      allowed_payment_method_types: ["card", "alipay", "wechat_pay"],
      payment_method_options: { wechat_pay: { client: "web" } },
      line_items: [{ quantity: "2", price_data: { unit_amount: "6980", currency: "cny" } }],
    });
  });

  it("P9: asking to pay twice reuses the open session: one session per attempt", async () => {
    const o = await onlineOrder();
    const again = await startOnlinePayment(o.buyer, o.number, ORIGIN);
    expect(again.url).toContain(o.sessionId);
    const id = (await order(o.number)).id;
    expect(
      stripe.fake.requests.filter((r) => r.path === "/v1/checkout/sessions" && r.body.client_reference_id === id),
    ).toHaveLength(1);
  });

  it("F2: Stripe answering 500 gives a retryable error fast and no session; the retry gets a new attempt", async () => {
    stripe.fake.failures.push({ path: /^\/v1\/checkout\/sessions$/, mode: "500", count: 2 });
    const coop = await createCoop(t.db);
    const station = await createStation(t.db);
    const v = (await createProduct(t.db, { coopId: coop.id, variants: [{ priceFen: 500, stock: 5 }] })).variants[0]!;
    const buyer = await createViewer(t.db);
    const { number } = await checkout(buyer, {
      idempotencyKey: idemKey(),
      lines: JSON.stringify([{ variantId: v.id, quantity: 1 }]),
      fulfillment: "pickup",
      stationId: station.id,
      paymentMethod: "online",
    });
    const started = Date.now();
    const err = await startOnlinePayment(buyer, number, ORIGIN).catch((e: unknown) => e);
    expect(isAppError(err) && err.code).toBe("PAYMENT_PROVIDER");
    expect(Date.now() - started).toBeLessThan(10_000);
    const { url } = await startOnlinePayment(buyer, number, ORIGIN);
    expect(url).toContain("/pay/cs_test_");
    const id = (await order(number)).id;
    const keys = stripe.fake.requests.filter((r) => r.body.client_reference_id === id).map((r) => r.idempotencyKey);
    expect(keys.at(-1)).toBe(`checkout:${id}:2`);
    expect([...stripe.fake.sessions.values()].filter((x) => x.client_reference_id === id)).toHaveLength(1);
  });

  it("F2: Stripe not answering gives a retryable error within 10 s", async () => {
    stripe.fake.failures.push({ path: /^\/v1\/checkout\/sessions$/, mode: "hang", ms: 30_000, count: 2 });
    const coop = await createCoop(t.db);
    const station = await createStation(t.db);
    const v = (await createProduct(t.db, { coopId: coop.id, variants: [{ priceFen: 500, stock: 5 }] })).variants[0]!;
    const buyer = await createViewer(t.db);
    const { number } = await checkout(buyer, {
      idempotencyKey: idemKey(),
      lines: JSON.stringify([{ variantId: v.id, quantity: 1 }]),
      fulfillment: "pickup",
      stationId: station.id,
      paymentMethod: "online",
    });
    const started = Date.now();
    await expect(startOnlinePayment(buyer, number, ORIGIN)).rejects.toMatchObject({ code: "PAYMENT_PROVIDER" });
    expect(Date.now() - started).toBeLessThan(10_000);
    stripe.fake.failures.length = 0;
  });
});

describe("online payment: an attempt's parameters are fixed when it is written (issue 12, defect 4)", () => {
  it("F2/P9: a timeout after Stripe made the session: the attempt was written first; the retry re-sends exactly its parameters and gets that session", async () => {
    const coop = await createCoop(t.db);
    const station = await createStation(t.db);
    const v = (await createProduct(t.db, { coopId: coop.id, variants: [{ priceFen: 500, stock: 5 }] })).variants[0]!;
    const buyer = await createViewer(t.db);
    const { number } = await checkout(buyer, {
      idempotencyKey: idemKey(),
      lines: JSON.stringify([{ variantId: v.id, quantity: 3 }]),
      fulfillment: "pickup",
      stationId: station.id,
      paymentMethod: "online",
    });
    const id = (await order(number)).id;
    // Stripe makes the session, but neither the call nor the SDK's retry hears back in time.
    stripe.fake.failures.push({
      path: /^\/v1\/checkout\/sessions$/,
      mode: "hang",
      ms: 30_000,
      count: 2,
      applied: true,
    });
    await expect(startOnlinePayment(buyer, number, ORIGIN)).rejects.toMatchObject({ code: "PAYMENT_PROVIDER" });
    const [written] = await t.db.select().from(s.payments).where(eq(s.payments.orderId, id));
    expect(written).toMatchObject({ attempt: 1, status: "creating", amountFen: 1500, checkoutSessionId: null });
    expect(written!.expiresAt).toBeInstanceOf(Date);
    expect(written!.request).toMatchObject({
      lines: [{ unitAmountFen: 500, quantity: 3 }],
      capture: "automatic",
      expiresAt: Math.floor(written!.expiresAt!.getTime() / 1000),
    });
    const made = [...stripe.fake.sessions.values()].filter((x) => x.client_reference_id === id);
    expect(made).toHaveLength(1);

    const { url } = await startOnlinePayment(buyer, number, ORIGIN);
    expect(url).toContain(made[0]!.id);
    const sent = stripe.fake.requests.filter(
      (r) => r.path === "/v1/checkout/sessions" && r.body.client_reference_id === id,
    );
    expect(sent.map((r) => r.idempotencyKey)).toEqual([`checkout:${id}:1`, `checkout:${id}:1`, `checkout:${id}:1`]);
    expect(new Set(sent.map((r) => JSON.stringify(r.body))).size).toBe(1);
    expect(stripe.fake.executed(`checkout:${id}:1`)).toBe(1);
    const rows = await t.db.select().from(s.payments).where(eq(s.payments.orderId, id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ attempt: 1, status: "open", checkoutSessionId: made[0]!.id });
  });
});

describe("online payment: unpaid orders stay out of fulfilment (issue 12, defect 6)", () => {
  async function unpaidWorld() {
    const coop = await createCoop(t.db);
    const station = await createStation(t.db);
    const { variants } = await createProduct(t.db, {
      coopId: coop.id,
      nameZh: "湖墩大米",
      variants: [{ priceFen: 6980, stock: 10 }],
    });
    const member = await createViewer(t.db, { memberships: [{ kind: "coop", scopeId: coop.id }] });
    const manager = await createViewer(t.db, { memberships: [{ kind: "station", scopeId: station.id }] });
    const buyer = await createViewer(t.db);
    const { number } = await checkout(buyer, {
      idempotencyKey: idemKey(),
      lines: JSON.stringify([{ variantId: variants[0]!.id, quantity: 2 }]),
      fulfillment: "pickup",
      stationId: station.id,
      paymentMethod: "online",
    });
    return { coop, station, variant: variants[0]!, member, manager, buyer, number };
  }
  const linesOf = async (orderId: string) => t.db.select().from(s.orderLines).where(eq(s.orderLines.orderId, orderId));
  const batchesOf = async (coopId: string) => t.db.select().from(s.batches).where(eq(s.batches.coopId, coopId));

  it("an unpaid online order is on no batch, pick list, station list or cooperative list, and the cooperative's actions answer INVALID_STATE; paid, it joins its station's batch", async () => {
    const w = await unpaidWorld();
    const row = await order(w.number);
    expect(row).toMatchObject({ status: "awaiting_payment", deliveryDay: null, pickupCode: null });
    expect((await linesOf(row.id)).map((l) => [l.status, l.batchId])).toEqual([["placed", null]]);
    expect(await batchesOf(w.coop.id)).toHaveLength(0);
    expect((await listCoopOrders(w.member, w.coop.id)).map((o) => o.number)).not.toContain(w.number);
    expect(await coopOrdersCsv(w.member, w.coop.id)).not.toContain(w.number);
    expect((await listStationOrders(w.manager, w.station.id)).map((o) => o.number)).not.toContain(w.number);
    for (const action of ["confirm", "cancel"] as const) {
      await expect(actOnCoopLines(w.member, { number: w.number, coopId: w.coop.id, action })).rejects.toMatchObject({
        code: "INVALID_STATE",
      });
    }
    expect(await order(w.number)).toMatchObject({ status: "awaiting_payment", paymentStatus: "pending" });
    expect((await linesOf(row.id)).map((l) => l.status)).toEqual(["placed"]);
    expect(await stockOf(w.variant.id)).toBe(8);

    const { url } = await startOnlinePayment(w.buyer, w.number, ORIGIN);
    const sessionId = url.split("/pay/")[1]!;
    await stripe.fake.complete(sessionId, "paid");
    expect(await confirmReturnFromCheckout(w.buyer, w.number, sessionId)).toBe("paid");
    const paid = await order(w.number);
    expect(paid).toMatchObject({ status: "placed", paymentStatus: "paid" });
    expect(paid.deliveryDay).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(paid.pickupCode).toMatch(/^\d{6}$/);
    const [batch] = await batchesOf(w.coop.id);
    expect(batch).toMatchObject({ stationId: w.station.id, deliveryDay: paid.deliveryDay, status: "open" });
    expect((await linesOf(row.id)).map((l) => [l.status, l.batchId])).toEqual([["placed", batch!.id]]);
    const list = await getPickList(w.member, w.coop.id, paid.deliveryDay!);
    expect(list.stations.flatMap((st) => st.bags.map((b) => [b.number, b.items.map((i) => i.quantity)]))).toEqual([
      [w.number, [2]],
    ]);
    expect(
      (await listStationBatches(w.manager, w.station.id, paid.deliveryDay!)).find((b) => b.id === batch!.id),
    ).toMatchObject({ orders: 1, units: 2 });
    expect((await listCoopOrders(w.member, w.coop.id)).find((o) => o.number === w.number)).toMatchObject({
      status: "placed",
    });
    expect(await actOnCoopLines(w.member, { number: w.number, coopId: w.coop.id, action: "confirm" })).toBe(
      "confirmed",
    );
  });

  it("an online order of any channel (a live drop's) waiting for payment is placed with no batch", async () => {
    const w = await unpaidWorld();
    const buyer = await createViewer(t.db);
    const at = new Date();
    const placed = await t.db.transaction((tx) =>
      placeOrder(tx, {
        buyerId: buyer.userId,
        channel: "live",
        lines: [{ variantId: w.variant.id, quantity: 1 }],
        unitPriceFen: () => 5000,
        fulfillment: { kind: "pickup", stationId: w.station.id },
        paymentMethod: "online",
        idempotencyKey: idemKey(),
        at,
        status: "awaiting_payment",
        issueCode: false,
        holdExpiresAt: new Date(at.getTime() + 5 * 60_000),
      }),
    );
    expect((await t.db.select().from(s.orders).where(eq(s.orders.id, placed.id)))[0]).toMatchObject({
      status: "awaiting_payment",
      deliveryDay: null,
    });
    expect((await linesOf(placed.id)).map((l) => l.batchId)).toEqual([null]);
  });

  it("the buyer cancelling an unpaid order expires its Checkout Session first: it cannot be paid after; stock back, nothing to refund", async () => {
    const w = await unpaidWorld();
    const { url } = await startOnlinePayment(w.buyer, w.number, ORIGIN);
    const sessionId = url.split("/pay/")[1]!;
    await cancelMyOrder(w.buyer, { number: w.number });
    const row = await order(w.number);
    expect(row).toMatchObject({ status: "cancelled", cancelReason: "buyer_cancelled", paymentStatus: "pending" });
    expect(stripe.fake.sessions.get(sessionId)!.status).toBe("expired");
    expect((await t.db.select().from(s.payments).where(eq(s.payments.orderId, row.id))).map((p) => p.status)).toEqual([
      "expired",
    ]);
    expect(await stockOf(w.variant.id)).toBe(10);
    expect(await t.db.select().from(s.refunds).where(eq(s.refunds.orderId, row.id))).toHaveLength(0);
    expect(await stockInvariantViolations(t.db)).toEqual([]);
  });

  it("the buyer cancelling just after paying (the webhook not in yet): the payment is applied first, then the cancellation refunds it exactly once", async () => {
    const w = await unpaidWorld();
    const { url } = await startOnlinePayment(w.buyer, w.number, ORIGIN);
    const sessionId = url.split("/pay/")[1]!;
    await stripe.fake.complete(sessionId, "paid"); // paid on Stripe's page; no webhook delivered yet
    await cancelMyOrder(w.buyer, { number: w.number });
    const row = await order(w.number);
    expect(row).toMatchObject({
      status: "cancelled",
      cancelReason: "buyer_cancelled",
      paymentStatus: "refund_pending",
    });
    expect(
      await t.db
        .select({ amount: s.refunds.amountFen, key: s.refunds.idempotencyKey })
        .from(s.refunds)
        .where(eq(s.refunds.orderId, row.id)),
    ).toEqual([{ amount: 13960, key: `refund:${row.id}` }]);
    // The webhook arrives after: nothing more happens.
    const ev = await signedEvent("checkout.session.completed", sessionId);
    expect((await deliver(ev.payload, ev.header)).status).toBe(200);
    await processRefunds();
    expect(stripe.fake.executed(`refund:${row.id}`)).toBe(1);
    const pi = String(stripe.fake.sessions.get(sessionId)!.payment_intent);
    expect([...stripe.fake.refunds.values()].filter((r) => r.payment_intent === pi).map((r) => r.amount)).toEqual([
      13960,
    ]);
    expect(await order(w.number)).toMatchObject({ status: "cancelled", paymentStatus: "refunded" });
    expect(await stockOf(w.variant.id)).toBe(10);
  });
});

describe("online payment: webhooks", () => {
  it("P1: a missing, wrong or tampered signature → 400 and nothing written", async () => {
    const o = await onlineOrder();
    await stripe.fake.complete(o.sessionId, "paid");
    const { payload, header } = await signedEvent("checkout.session.completed", o.sessionId);
    const before = await processed();
    expect((await deliver(payload, null)).status).toBe(400);
    expect((await deliver(payload, header.replace(/v1=[0-9a-f]+/, `v1=${"0".repeat(64)}`))).status).toBe(400);
    expect((await deliver(payload.replace('"livemode":false', '"livemode":true'), header)).status).toBe(400);
    expect(await processed()).toBe(before);
    expect((await order(o.number)).status).toBe("awaiting_payment");
  });

  it("P2: a validly signed event older than 300 s → 400", async () => {
    const o = await onlineOrder();
    await stripe.fake.complete(o.sessionId, "paid");
    const { payload, header } = await signedEvent(
      "checkout.session.completed",
      o.sessionId,
      Math.floor(Date.now() / 1000) - 600,
    );
    expect((await deliver(payload, header)).status).toBe(400);
    expect((await order(o.number)).status).toBe("awaiting_payment");
  });

  it("P3/P4: the same event delivered twice, then five times at once → paid once, one pickup code", async () => {
    const o = await onlineOrder();
    await stripe.fake.complete(o.sessionId, "paid");
    const { payload, header } = await signedEvent("checkout.session.completed", o.sessionId);
    const results = [
      await deliver(payload, header),
      await deliver(payload, header),
      ...(await Promise.all([1, 2, 3, 4, 5].map(() => deliver(payload, header)))),
    ];
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(results.filter((r) => r.body.result === "processed")).toHaveLength(1);
    const row = await order(o.number);
    expect(row).toMatchObject({ status: "placed", paymentStatus: "paid" });
    expect(row.pickupCode).toMatch(/^\d{6}$/);
    const events = await t.db.select().from(s.orderEvents).where(eq(s.orderEvents.orderId, row.id));
    expect(events.filter((e) => e.toStatus === "placed" && e.fromStatus === "awaiting_payment")).toHaveLength(1);
  });

  it("P5: the success page racing the webhook → one paid order, one pickup code", async () => {
    const o = await onlineOrder();
    await stripe.fake.complete(o.sessionId, "paid");
    const { payload, header } = await signedEvent("checkout.session.completed", o.sessionId);
    const [, , r] = await Promise.all([
      confirmReturnFromCheckout(o.buyer, o.number, o.sessionId),
      confirmReturnFromCheckout(o.buyer, o.number, o.sessionId),
      deliver(payload, header),
    ]);
    expect(r.status).toBe(200);
    const detail = await getMyOrder(o.buyer, o.number);
    expect(detail).toMatchObject({ status: "placed", paymentStatus: "paid" });
    const row = await order(o.number);
    const codeEvents = await t.db.select().from(s.orderEvents).where(eq(s.orderEvents.orderId, row.id));
    expect(codeEvents.filter((e) => e.toStatus === "placed")).toHaveLength(1);
  });

  it("P6: an expired event arriving after payment never moves the order back (the session is re-fetched)", async () => {
    const o = await onlineOrder();
    await stripe.fake.complete(o.sessionId, "paid");
    const stale = { ...stripe.fake.sessions.get(o.sessionId)!, status: "expired", payment_status: "unpaid" };
    const expired = await stripe.fake.emit("checkout.session.expired", stale, { deliver: false });
    expect((await deliver(expired.payload, expired.header)).status).toBe(200);
    expect((await order(o.number)).status).toBe("placed");
    expect(await stockOf(o.variant.id)).toBe(9);
  });

  it("P7: completed but unpaid waits; async success pays; async failure cancels and releases stock once", async () => {
    const a = await onlineOrder();
    await stripe.fake.complete(a.sessionId, "unpaid");
    let ev = await signedEvent("checkout.session.completed", a.sessionId);
    await deliver(ev.payload, ev.header);
    expect(await order(a.number)).toMatchObject({ status: "awaiting_payment", pickupCode: null });
    await stripe.fake.settleAsync(a.sessionId, true);
    ev = await signedEvent("checkout.session.async_payment_succeeded", a.sessionId);
    await deliver(ev.payload, ev.header);
    expect(await order(a.number)).toMatchObject({ status: "placed", paymentStatus: "paid" });

    const b = await onlineOrder();
    await stripe.fake.complete(b.sessionId, "unpaid");
    await stripe.fake.settleAsync(b.sessionId, false);
    ev = await signedEvent("checkout.session.async_payment_failed", b.sessionId);
    await deliver(ev.payload, ev.header);
    await deliver(ev.payload, ev.header);
    expect(await order(b.number)).toMatchObject({ status: "cancelled", cancelReason: "payment_failed" });
    expect(await stockOf(b.variant.id)).toBe(10);
    expect(await stockInvariantViolations(t.db)).toEqual([]);
  });

  it("P8: an amount that differs from the order flags it for review instead of fulfilling", async () => {
    const o = await onlineOrder();
    await stripe.fake.complete(o.sessionId, "paid");
    stripe.fake.sessions.get(o.sessionId)!.amount_total = 1;
    const ev = await signedEvent("checkout.session.completed", o.sessionId);
    await deliver(ev.payload, ev.header);
    expect(await order(o.number)).toMatchObject({
      status: "awaiting_payment",
      paymentStatus: "needs_review",
      pickupCode: null,
    });
    // A review case is not cancelled by the hold sweep: the money is there.
    await expirePaymentHolds(new Date(Date.now() + 86_400_000));
    expect((await order(o.number)).status).toBe("awaiting_payment");
  });

  it("F5: a webhook that fails midway (Stripe unreachable) writes nothing and is processed once when redelivered", async () => {
    const o = await onlineOrder();
    await stripe.fake.complete(o.sessionId, "paid");
    const ev = await signedEvent("checkout.session.completed", o.sessionId);
    stripe.fake.failures.push({ path: /^\/v1\/checkout\/sessions\/cs_/, mode: "500", count: 2 });
    const before = await processed();
    expect((await deliver(ev.payload, ev.header)).status).toBeGreaterThanOrEqual(500);
    expect(await processed()).toBe(before);
    expect((await deliver(ev.payload, ev.header)).body.result).toBe("processed");
    expect((await deliver(ev.payload, ev.header)).body.result).toBe("duplicate");
    expect((await order(o.number)).status).toBe("placed");
  });
});

describe("online payment: holds, late payments, reconciliation, refunds", () => {
  it("an unpaid order past its hold is cancelled, its Stripe session expired, and its stock back — once", async () => {
    const o = await onlineOrder({ quantity: 3 });
    const later = new Date(Date.now() + 60 * 60_000);
    await expirePaymentHolds(later);
    await expirePaymentHolds(later);
    expect(await order(o.number)).toMatchObject({ status: "cancelled", cancelReason: "payment_expired" });
    expect(stripe.fake.sessions.get(o.sessionId)!.status).toBe("expired");
    expect(await stockOf(o.variant.id)).toBe(10);
  });

  it("F4: a payment that lands after the order was cancelled is refunded exactly once", async () => {
    const o = await onlineOrder();
    const id = (await order(o.number)).id;
    await t.db.transaction(async (tx) =>
      cancelOrderInTx(tx, (await lockOrder(tx, { id }))!, { actorId: null, at: new Date(), reason: "payment_expired" }),
    );
    await stripe.fake.complete(o.sessionId, "paid");
    const ev = await signedEvent("checkout.session.completed", o.sessionId);
    await deliver(ev.payload, ev.header);
    await deliver(ev.payload, ev.header);
    await processRefunds();
    const refunds = [...stripe.fake.refunds.values()].filter(
      (r) =>
        stripe.fake.intents.get(String(r.payment_intent))?.metadata &&
        (stripe.fake.intents.get(String(r.payment_intent))!.metadata as Record<string, string>).order_id === id,
    );
    expect(refunds).toHaveLength(1);
    expect(refunds[0]).toMatchObject({ amount: 6980 });
    expect((await order(o.number)).paymentStatus).toBe("refunded");
    expect((await order(o.number)).status).toBe("cancelled");
  });

  it("F3: a paid session whose webhook never came is repaired by reconciliation", async () => {
    const o = await onlineOrder();
    await stripe.fake.complete(o.sessionId, "paid"); // no webhook delivered: the fake has no URL here
    expect((await order(o.number)).status).toBe("awaiting_payment");
    expect(await reconcileCheckoutSessions(new Date(Date.now() - 3600_000))).toBeGreaterThanOrEqual(1);
    expect(await order(o.number)).toMatchObject({ status: "placed", paymentStatus: "paid" });
  });

  it("cancelling a paid order refunds it with key refund:<order>; a cooperative's part of a two-cooperative order is refunded alone", async () => {
    const o = await onlineOrder({ twoCoops: true });
    await stripe.fake.complete(o.sessionId, "paid");
    await confirmReturnFromCheckout(o.buyer, o.number, o.sessionId);
    const row = await order(o.number);
    expect(row.totalFen).toBe(6980 + 2000);
    await actOnCoopLines(o.other!.member, { number: o.number, coopId: o.other!.coopId, action: "cancel" });
    await processRefunds();
    const keyed = stripe.fake.requests
      .filter((r) => r.path === "/v1/refunds")
      .map((r) => [r.idempotencyKey, r.body.amount]);
    expect(keyed).toContainEqual([`refund:${row.id}:${o.other!.coopId}`, "2000"]);
    expect((await order(o.number)).paymentStatus).toBe("partially_refunded");
  });
});

describe("online payment: reconciliation and refunds made at Stripe (issue 12, defect 7)", () => {
  it("reconciliation reads every page: a paid session behind 150 newer ones is repaired", async () => {
    const o = await onlineOrder();
    await stripe.fake.complete(o.sessionId, "paid"); // its webhook is lost
    stripe.fake.addSessions(150);
    const before = stripe.fake.requests.length;
    expect(await reconcileCheckoutSessions(new Date(Date.now() - 3600_000))).toBeGreaterThanOrEqual(1);
    expect(await order(o.number)).toMatchObject({ status: "placed", paymentStatus: "paid" });
    const pages = stripe.fake.requests
      .slice(before)
      .filter((r) => r.method === "GET" && r.path === "/v1/checkout/sessions");
    expect(pages.length).toBeGreaterThanOrEqual(2);
    expect(pages[0]!.body.starting_after).toBeUndefined();
    expect(pages[1]!.body.starting_after).toMatch(/^cs_test_/);
  });

  it("a refund made in the Stripe dashboard reaches the order: recorded once by Stripe's id, the order partially then fully refunded, the buyer told once per amount", async () => {
    const o = await onlineOrder();
    await stripe.fake.complete(o.sessionId, "paid");
    await confirmReturnFromCheckout(o.buyer, o.number, o.sessionId);
    const row = await order(o.number);
    const pi = String(stripe.fake.sessions.get(o.sessionId)!.payment_intent);
    const refundsOf = () =>
      t.db.select().from(s.refunds).where(eq(s.refunds.orderId, row.id)).orderBy(s.refunds.createdAt);
    const told = async () =>
      (
        await t.db
          .select()
          .from(s.notifications)
          .where(and(eq(s.notifications.userId, o.buyer.userId), eq(s.notifications.kind, "refund_issued")))
      ).map((n) => n.params.amount);

    const first = await stripe.fake.dashboardRefund(pi, 1000);
    expect((await deliver(first.event.payload, first.event.header)).body.result).toBe("processed");
    expect(
      stripe.fake.requests.some(
        (r) => r.method === "GET" && r.path === `/v1/charges/${String(stripe.fake.intents.get(pi)!.latest_charge)}`,
      ),
    ).toBe(true);
    expect(await refundsOf()).toMatchObject([
      {
        reason: "provider",
        providerRefundId: first.refund.id,
        idempotencyKey: `provider:${first.refund.id}`,
        amountFen: 1000,
        status: "succeeded",
      },
    ]);
    expect(await order(o.number)).toMatchObject({ status: "placed", paymentStatus: "partially_refunded" });
    expect(await told()).toEqual(["¥10"]);
    // The same event again changes nothing.
    expect((await deliver(first.event.payload, first.event.header)).body.result).toBe("duplicate");
    expect(await refundsOf()).toHaveLength(1);
    expect(await told()).toEqual(["¥10"]);

    // The rest, pending at first, then settled: the order follows Stripe's status.
    const rest = await stripe.fake.dashboardRefund(pi, undefined, { status: "pending" });
    await deliver(rest.event.payload, rest.event.header);
    expect((await refundsOf()).map((r) => [r.amountFen, r.status])).toEqual([
      [1000, "succeeded"],
      [5980, "pending"],
    ]);
    expect((await order(o.number)).paymentStatus).toBe("partially_refunded");
    const settled = await stripe.fake.settleRefund(rest.refund.id);
    await deliver(settled.payload, settled.header);
    await deliver(settled.payload, settled.header);
    expect((await refundsOf()).map((r) => [r.amountFen, r.status, r.reason])).toEqual([
      [1000, "succeeded", "provider"],
      [5980, "succeeded", "provider"],
    ]);
    expect(await order(o.number)).toMatchObject({ status: "placed", paymentStatus: "refunded" });
    expect(await told()).toEqual(["¥10", "¥69.80"]);
    // The app itself refunded nothing.
    expect(stripe.fake.requests.filter((r) => r.path === "/v1/refunds" && r.body.payment_intent === pi)).toHaveLength(
      0,
    );
    expect(
      await t.db
        .select()
        .from(s.refunds)
        .where(and(eq(s.refunds.orderId, row.id), isNull(s.refunds.providerRefundId))),
    ).toHaveLength(0);
  });
});
