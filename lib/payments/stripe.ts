import "server-only";
import Stripe from "stripe";
import { AppError } from "../core/errors";
import { assertNoOpenTransaction } from "../db";
import type { CheckoutRequest } from "../db/schema";
import { env } from "../env";
import type { CaptureOutcome, ChargeView, CheckoutView, PaymentIntentView, WebhookEventView } from "./contract";

let client: Stripe | null = null;
let clientKey = "";

/** Online payment is on when both the API key and the webhook secret are configured. */
export function onlinePaymentsEnabled(): boolean {
  const e = env();
  return Boolean(e.STRIPE_SECRET_KEY && e.STRIPE_WEBHOOK_SECRET);
}

function stripe(): Stripe {
  const e = env();
  if (!e.STRIPE_SECRET_KEY) throw new AppError("UNAVAILABLE", "online payment is not configured");
  const key = `${e.STRIPE_SECRET_KEY}|${e.STRIPE_API_BASE ?? ""}`;
  if (client && clientKey === key) return client;
  const base = e.STRIPE_API_BASE ? new URL(e.STRIPE_API_BASE) : null;
  client = new Stripe(e.STRIPE_SECRET_KEY, {
    // A buyer waits on these calls: 3.5 s each, one retry with the same idempotency key, then a clear error
    // (PAYMENT_PROVIDER, well within 10 s).
    timeout: 3_500,
    maxNetworkRetries: 1,
    ...(base
      ? {
          host: base.hostname,
          port: Number(base.port || (base.protocol === "https:" ? 443 : 80)),
          protocol: base.protocol.replace(":", "") as "http" | "https",
        }
      : {}),
  });
  clientKey = key;
  return client;
}

/** Stripe failures become app errors: a reused idempotency key with other parameters is a conflict; the rest can be retried. */
function providerError(err: unknown, what: string): AppError {
  const e = err as { type?: string; rawType?: string; code?: string; message?: string; statusCode?: number };
  if (e?.type === "StripeIdempotencyError" || e?.rawType === "idempotency_error")
    return new AppError("CONFLICT", `${what}: idempotency key reused with other parameters`, { cause: err });
  if (e?.code === "resource_missing") return new AppError("NOT_FOUND", `${what}: ${e.message}`, { cause: err });
  if (e?.type === "StripeInvalidRequestError")
    return new AppError("INVALID_STATE", `${what}: ${e.message}`, { cause: err });
  return new AppError("PAYMENT_PROVIDER", `${what}: ${e?.message ?? "failed"}`, { cause: err });
}

/**
 * The client for one call over the network: refused (tests, development) or logged (production) when a
 * database transaction is open, since the call may take seconds and the transaction holds the connection.
 */
function api(what: string): Stripe {
  assertNoOpenTransaction(`stripe: ${what}`);
  return stripe();
}

export async function callStripe<T>(what: string, fn: (s: Stripe) => Promise<T>): Promise<T> {
  const client = api(what);
  try {
    return await fn(client);
  } catch (err) {
    throw providerError(err, what);
  }
}

function sessionView(s: Stripe.Checkout.Session): CheckoutView {
  return {
    id: s.id,
    url: s.url ?? null,
    status: (s.status ?? "open") as CheckoutView["status"],
    paymentStatus: s.payment_status as CheckoutView["paymentStatus"],
    amountFen: s.amount_total ?? 0,
    currency: s.currency ?? "",
    orderId: (s.metadata?.order_id as string | undefined) ?? s.client_reference_id ?? null,
    paymentIntentId: typeof s.payment_intent === "string" ? s.payment_intent : (s.payment_intent?.id ?? null),
    createdAt: new Date(s.created * 1000),
  };
}

/**
 * A Checkout Session in CNY with the parameters fixed when its attempt was written (lines priced from the
 * database, Stripe's expiry, methods, capture). The idempotency key is derived from the order and the attempt,
 * so a double submit or a retry never makes a second session, and a retry re-sends the very same parameters.
 */
export function createCheckoutSession(orderId: string, attempt: number, c: CheckoutRequest): Promise<CheckoutView> {
  return callStripe("create checkout session", async (s) =>
    sessionView(
      await s.checkout.sessions.create(
        {
          mode: "payment",
          currency: "cny",
          line_items: c.lines.map((l) => ({
            quantity: l.quantity,
            price_data: { currency: "cny", unit_amount: l.unitAmountFen, product_data: { name: l.name } },
          })),
          allowed_payment_method_types: c.methods as Stripe.Checkout.SessionCreateParams.AllowedPaymentMethodType[],
          payment_method_options: { wechat_pay: { client: "web" } },
          metadata: { order_id: orderId, attempt: String(attempt) },
          client_reference_id: orderId,
          success_url: c.successUrl,
          cancel_url: c.cancelUrl,
          expires_at: c.expiresAt,
          ...(c.capture === "manual"
            ? { payment_intent_data: { capture_method: "manual" as const, metadata: { order_id: orderId } } }
            : { payment_intent_data: { metadata: { order_id: orderId } } }),
        },
        { idempotencyKey: `checkout:${orderId}:${attempt}` },
      ),
    ),
  );
}

export async function retrieveCheckoutSession(id: string): Promise<CheckoutView> {
  return withAuthorization(
    await callStripe("retrieve checkout session", async (s) => sessionView(await s.checkout.sessions.retrieve(id))),
  );
}

/**
 * A completed manual-capture session stays "unpaid" at Stripe while its card is only authorised; the
 * PaymentIntent (requires_capture) says the money is held, so the app's view calls that "authorized".
 */
async function withAuthorization(view: CheckoutView): Promise<CheckoutView> {
  if (view.status !== "complete" || view.paymentStatus !== "unpaid" || !view.paymentIntentId) return view;
  const pi = await retrievePaymentIntent(view.paymentIntentId);
  return pi.status === "requires_capture" ? { ...view, paymentStatus: "authorized" } : view;
}

/** Expires an open session; one that already completed is returned as it is. */
export async function expireCheckoutSession(id: string): Promise<CheckoutView> {
  try {
    return withAuthorization(
      await callStripe("expire checkout session", async (s) => sessionView(await s.checkout.sessions.expire(id))),
    );
  } catch (err) {
    if (err instanceof AppError && err.code === "INVALID_STATE") return retrieveCheckoutSession(id);
    throw err;
  }
}

/**
 * Every Checkout Session made since `since`, newest first, page after page (100 a page, `starting_after` the
 * last one) until Stripe says there are no more — at most `max` of them.
 */
export function listCheckoutSessionsSince(since: Date, max = 10_000): Promise<CheckoutView[]> {
  return callStripe("list checkout sessions", async (s) => {
    const all = await s.checkout.sessions
      .list({ created: { gte: Math.floor(since.getTime() / 1000) }, limit: 100 })
      .autoPagingToArray({ limit: max });
    if (all.length >= max)
      console.warn(`[reconcile] more than ${max} sessions since ${since.toISOString()}; the oldest were not read`);
    return all.map(sessionView);
  });
}

/**
 * Refunds a PaymentIntent once per idempotency key (`refund:<order>[:part]`). The key goes into the refund's
 * metadata too, so the refund, seen later on its charge, is known as the app's own and not taken for one made
 * in the dashboard.
 */
export function createRefund(
  paymentIntentId: string,
  amountFen: number,
  idempotencyKey: string,
): Promise<{ id: string; status: string }> {
  return callStripe("create refund", async (s) => {
    const r = await s.refunds.create(
      { payment_intent: paymentIntentId, amount: amountFen, metadata: { refund_key: idempotencyKey } },
      { idempotencyKey },
    );
    return { id: r.id, status: r.status ?? "pending" };
  });
}

/** A charge as Stripe has it now, with all its refunds (the app's and those made in the dashboard). */
export function retrieveCharge(id: string): Promise<ChargeView> {
  return callStripe("retrieve charge", async (s) => {
    const ch = await s.charges.retrieve(id, { expand: ["refunds"] });
    const refunds = ch.refunds?.has_more
      ? await s.refunds.list({ charge: id, limit: 100 }).autoPagingToArray({ limit: 1000 })
      : (ch.refunds?.data ?? []);
    return {
      id: ch.id,
      paymentIntentId: typeof ch.payment_intent === "string" ? ch.payment_intent : (ch.payment_intent?.id ?? null),
      amountFen: ch.amount,
      amountRefundedFen: ch.amount_refunded,
      currency: ch.currency,
      refunds: refunds.map((r) => ({
        id: r.id,
        status: r.status ?? "pending",
        amountFen: r.amount,
        key: (r.metadata?.refund_key as string | undefined) ?? null,
      })),
    };
  });
}

function intentView(pi: Stripe.PaymentIntent): PaymentIntentView {
  return {
    id: pi.id,
    status: pi.status as PaymentIntentView["status"],
    amountFen: pi.amount,
    captureMethod: pi.capture_method as PaymentIntentView["captureMethod"],
    orderId: (pi.metadata?.order_id as string | undefined) ?? null,
  };
}

export function retrievePaymentIntent(id: string): Promise<PaymentIntentView> {
  return callStripe("retrieve payment intent", async (s) => intentView(await s.paymentIntents.retrieve(id)));
}

export function capturePaymentIntent(id: string, idempotencyKey: string): Promise<PaymentIntentView> {
  return callStripe("capture payment", async (s) =>
    intentView(await s.paymentIntents.capture(id, {}, { idempotencyKey })),
  );
}

export function cancelPaymentIntent(id: string, idempotencyKey: string): Promise<PaymentIntentView> {
  return callStripe("cancel payment", async (s) =>
    intentView(await s.paymentIntents.cancel(id, {}, { idempotencyKey })),
  );
}

/**
 * Captures an authorised card once (the caller's idempotency key, `capture:<order>`). A decline, or a hold
 * that is no longer there (expired or cancelled), is a final "no"; a provider outage throws PAYMENT_PROVIDER
 * so the caller retries later with the same key.
 */
export async function captureAuthorization(id: string, idempotencyKey: string): Promise<CaptureOutcome> {
  const client = api("capture payment");
  try {
    return { ok: true, intent: intentView(await client.paymentIntents.capture(id, {}, { idempotencyKey })) };
  } catch (err) {
    const e = err as { type?: string; code?: string; message?: string };
    if (e?.type === "StripeCardError") return { ok: false, reason: "declined", message: e.message ?? "declined" };
    if (e?.code === "payment_intent_unexpected_state") {
      const pi = await retrievePaymentIntent(id);
      if (pi.status === "succeeded") return { ok: true, intent: pi };
      return { ok: false, reason: "expired", message: e.message ?? `payment intent is ${pi.status}` };
    }
    throw providerError(err, "capture payment");
  }
}

/** Releases an authorisation (idempotency key `cancel:<order>`); one already cancelled counts as released. */
export async function releaseAuthorization(id: string, idempotencyKey: string): Promise<PaymentIntentView> {
  const client = api("cancel payment");
  try {
    return intentView(await client.paymentIntents.cancel(id, {}, { idempotencyKey }));
  } catch (err) {
    const e = err as { code?: string };
    if (e?.code === "payment_intent_unexpected_state") return retrievePaymentIntent(id);
    throw providerError(err, "cancel payment");
  }
}

/** Verifies the signature over the raw body (wrong or older than 300 s → VALIDATION) and reduces the event. */
export async function verifyWebhook(rawBody: string, signature: string | null): Promise<WebhookEventView> {
  const secret = env().STRIPE_WEBHOOK_SECRET;
  if (!secret || !signature) throw new AppError("VALIDATION", "missing signature");
  let event: Stripe.Event;
  try {
    event = await stripe().webhooks.constructEventAsync(rawBody, signature, secret);
  } catch (err) {
    throw new AppError("VALIDATION", "bad webhook signature", { cause: err });
  }
  const obj = event.data.object as unknown as Record<string, unknown>;
  const objectType = obj.object;
  const refunds =
    objectType === "charge"
      ? ((obj.refunds as { data?: { id: string; status: string; amount: number }[] } | undefined)?.data ?? []).map(
          (r) => ({ id: r.id, status: r.status, amountFen: r.amount }),
        )
      : objectType === "refund"
        ? [{ id: String(obj.id), status: String(obj.status), amountFen: Number(obj.amount) }]
        : [];
  return {
    id: event.id,
    type: event.type,
    sessionId: objectType === "checkout.session" ? String(obj.id) : null,
    chargeId:
      objectType === "charge"
        ? String(obj.id)
        : objectType === "refund" && typeof obj.charge === "string"
          ? obj.charge
          : null,
    paymentIntentId:
      objectType === "payment_intent"
        ? String(obj.id)
        : typeof obj.payment_intent === "string"
          ? obj.payment_intent
          : null,
    failureMessage:
      objectType === "payment_intent"
        ? ((obj.last_payment_error as { message?: string } | null)?.message ?? null)
        : null,
    refunds,
    raw: { id: event.id, type: event.type, object: objectType, objectId: obj.id },
  };
}
