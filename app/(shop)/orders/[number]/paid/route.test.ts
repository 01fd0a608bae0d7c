import { eq } from "drizzle-orm";
import { NextRequest } from "next/server";
import { describe, expect, it, vi } from "vitest";
import type { Viewer } from "@/lib/auth/contract";
import * as s from "@/lib/db/schema";
import { createCoop, createProduct, createStation } from "@/lib/db/seed/factories";
import { setupTestDb } from "@/lib/db/test-db";
import { checkout } from "@/tests/support/forms/orders";
import { startOnlinePayment } from "@/lib/orders/online-payment";
import { setupFakeStripe } from "@/tests/support/stripe";
import { createViewer, idemKey } from "@/tests/support/viewers";
import { GET } from "./route";

// The route asks lib/auth who is calling; outside a Next request there is no session cookie to read.
const session = vi.hoisted(() => ({ viewer: null as Viewer | null }));
vi.mock("@/lib/auth/viewer", () => ({ getViewer: async () => session.viewer }));

const t = setupTestDb();
const stripe = setupFakeStripe();

async function paidOrder() {
  const coop = await createCoop(t.db);
  const station = await createStation(t.db);
  const { variants } = await createProduct(t.db, { coopId: coop.id, variants: [{ priceFen: 6980, stock: 5 }] });
  const buyer = await createViewer(t.db);
  const { number } = await checkout(buyer, {
    idempotencyKey: idemKey(),
    lines: JSON.stringify([{ variantId: variants[0]!.id, quantity: 1 }]),
    fulfillment: "pickup",
    stationId: station.id,
    paymentMethod: "online",
  });
  const { url } = await startOnlinePayment(buyer, number, "http://shop.test");
  expect(url).toContain("/pay/");
  const sessionId = url.split("/pay/")[1]!;
  // The buyer paid on Stripe's page; the webhook has not arrived.
  const hook = stripe.fake.webhookUrl;
  stripe.fake.webhookUrl = undefined;
  await stripe.fake.complete(sessionId, "paid");
  stripe.fake.webhookUrl = hook;
  return { buyer, number, sessionId };
}

const back = async (as: Viewer | null, number: string, sessionId: string) => {
  session.viewer = as;
  return GET(new NextRequest(`http://shop.test/orders/${number}/paid?session_id=${sessionId}`), {
    params: Promise.resolve({ number }),
  });
};
const status = async (number: string) =>
  (
    await t.db
      .select({ status: s.orders.status, paymentStatus: s.orders.paymentStatus })
      .from(s.orders)
      .where(eq(s.orders.number, number))
  )[0]!;

describe("GET /orders/:number/paid — back from Stripe", () => {
  it("Stripe's success URL is this route, not the order page (which only reads)", async () => {
    const o = await paidOrder();
    const [attempt] = await t.db
      .select({ request: s.payments.request })
      .from(s.payments)
      .innerJoin(s.orders, eq(s.orders.id, s.payments.orderId))
      .where(eq(s.orders.number, o.number));
    expect(JSON.stringify(attempt!.request)).toContain(`/orders/${o.number}/paid?session_id={CHECKOUT_SESSION_ID}`);
  });

  it("the buyer's own paid session is applied, once, then the order page is shown", async () => {
    const o = await paidOrder();
    expect(await status(o.number)).toEqual({ status: "awaiting_payment", paymentStatus: "pending" });
    const res = await back(o.buyer, o.number, o.sessionId);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/orders/${o.number}?returned=1`);
    expect(await status(o.number)).toEqual({ status: "placed", paymentStatus: "paid" });
    await back(o.buyer, o.number, o.sessionId);
    expect(await status(o.number)).toEqual({ status: "placed", paymentStatus: "paid" });
  });

  it("someone else, or nobody, changes nothing: a stranger is sent on, the signed-out to sign in", async () => {
    const o = await paidOrder();
    const stranger = await createViewer(t.db);
    expect((await back(stranger, o.number, o.sessionId)).status).toBe(303);
    const anonymous = await back(null, o.number, o.sessionId);
    expect(anonymous.headers.get("location")).toMatch(/\/login\?callbackUrl=/);
    expect(await status(o.number)).toEqual({ status: "awaiting_payment", paymentStatus: "pending" });
  });
});
