/**
 * A local stand-in for the parts of Stripe's API the app uses (Checkout Sessions, PaymentIntents, Refunds),
 * speaking Stripe's wire format so the official SDK talks to it unchanged, plus a hosted "checkout page"
 * that sends signed webhooks back like Stripe would. Test helper only.
 */
import crypto from "node:crypto";
import http from "node:http";
import Stripe from "stripe";
import { decodeStripeForm } from "./form-decode";
import { FakeConnect } from "./fake-stripe-connect";

type Obj = Record<string, unknown> & { id: string };
export type Outcome = "paid" | "unpaid_then_succeeded" | "unpaid_then_failed" | "unpaid";

export interface FakeStripeOptions {
  port?: number;
  webhookUrl?: string;
  webhookSecret?: string;
}

export class FakeStripe {
  readonly sessions = new Map<string, Obj>();
  readonly intents = new Map<string, Obj>();
  readonly charges = new Map<string, Obj>();
  readonly refunds = new Map<string, Obj>();
  /**
   * Every request Stripe's logic saw (a hang without `applied` never reaches it). `replayed`: answered from the
   * idempotency store, i.e. not carried out again.
   */
  readonly requests: {
    method: string;
    path: string;
    idempotencyKey?: string;
    body: Record<string, unknown>;
    replayed?: boolean;
  }[] = [];
  private readonly idempotency = new Map<string, { fingerprint: string; status: number; body: unknown }>();
  /**
   * Requests to make fail next: HTTP 500, or no answer for `ms` (a timeout on the caller's side). A hang with
   * `applied` is carried out first and only its answer is lost (Stripe did it; the caller never heard).
   */
  readonly failures: {
    path: RegExp;
    mode: "500" | "hang";
    ms?: number;
    count: number;
    applied?: boolean;
    method?: string;
  }[] = [];
  /** Every request that met a failure above, in order. */
  readonly faulted: { method: string; path: string; mode: "500" | "hang" }[] = [];
  /** Callers still waiting on a hung answer right now (a caller that gave up has closed its connection). */
  waiting = 0;
  readonly sentEvents: Obj[] = [];
  /** Connected accounts, onboarding and transfers (payouts). */
  readonly connect = new FakeConnect(() => this.base);
  /** PaymentIntents whose capture the card issuer declines (HTTP 402 card_declined), by id or order id. */
  readonly declineCaptureFor = new Set<string>();
  webhookUrl?: string;
  webhookSecret: string;
  private server?: http.Server;
  port = 0;
  private readonly signer = new Stripe("sk_test_fake");

  constructor(opts: FakeStripeOptions = {}) {
    this.webhookUrl = opts.webhookUrl;
    this.webhookSecret = opts.webhookSecret ?? "whsec_test";
    this.port = opts.port ?? 0;
  }

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((r) => this.server!.listen(this.port, "127.0.0.1", r));
    this.port = (this.server!.address() as { port: number }).port;
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => this.server?.close(() => r()) ?? r());
  }

  get base(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  private id(prefix: string) {
    return `${prefix}_test_${crypto.randomBytes(12).toString("hex")}`;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? "/", this.base);
    const raw = await new Promise<string>((r) => {
      let b = "";
      req.on("data", (d) => (b += d));
      req.on("end", () => r(b));
    });
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, {
        "content-type": typeof body === "string" ? "text/html; charset=utf-8" : "application/json",
        ...headers,
      });
      res.end(typeof body === "string" ? body : JSON.stringify(body));
    };
    try {
      if (url.pathname.startsWith("/pay/")) return await this.hostedPage(req.method ?? "GET", url, raw, send, res);
      if (url.pathname.startsWith("/connect/onboard/")) {
        const page = this.connect.hostedOnboarding(req.method ?? "GET", url);
        if (page.location) {
          res.writeHead(page.status, { location: page.location });
          return res.end();
        }
        return send(page.status, page.body ?? "");
      }
      const failure = this.failures.find(
        (f) => f.count > 0 && f.path.test(url.pathname) && (!f.method || f.method === req.method),
      );
      if (failure) {
        failure.count--;
        this.faulted.push({ method: req.method ?? "GET", path: url.pathname, mode: failure.mode });
        if (failure.mode === "hang") {
          if (failure.applied) this.answer(req, url, raw); // carried out; the answer below is lost
          let waiting = true;
          const done = () => {
            if (waiting) this.waiting--;
            waiting = false;
          };
          this.waiting++;
          res.on("close", done);
          await new Promise((r) => setTimeout(r, failure.ms ?? 30_000));
          done();
          if (res.destroyed) return;
          return send(504, { error: { type: "api_error", message: "timeout" } });
        }
        return send(500, { error: { type: "api_error", message: "Something went wrong on Stripe's end." } });
      }
      const [status, out, headers] = this.answer(req, url, raw);
      return send(status, out, headers);
    } catch (err) {
      send(500, { error: { type: "api_error", message: (err as Error).message } });
    }
  }

  /** Stripe's logic for one request, with its idempotency layer (same key and parameters → the saved answer). */
  private answer(req: http.IncomingMessage, url: URL, raw: string): [number, unknown, Record<string, string>] {
    const body = req.method === "POST" ? decodeStripeForm(raw) : Object.fromEntries(url.searchParams);
    const key = req.headers["idempotency-key"] as string | undefined;
    const entry: FakeStripe["requests"][number] = {
      method: req.method ?? "GET",
      path: url.pathname,
      idempotencyKey: key,
      body,
    };
    this.requests.push(entry);
    if (key && req.method === "POST") {
      const fingerprint = crypto
        .createHash("sha256")
        .update(`${url.pathname}|${JSON.stringify(body)}`)
        .digest("hex");
      const seen = this.idempotency.get(key);
      if (seen && seen.fingerprint !== fingerprint) {
        entry.replayed = true;
        return [
          400,
          {
            error: {
              type: "idempotency_error",
              message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
            },
          },
          {},
        ];
      }
      if (seen) {
        entry.replayed = true;
        return [seen.status, seen.body, { "idempotent-replayed": "true" }];
      }
      const [status, out] = this.route(req.method ?? "GET", url.pathname, body);
      this.idempotency.set(key, { fingerprint, status, body: structuredClone(out) });
      return [status, out, {}];
    }
    const [status, out] = this.route(req.method ?? "GET", url.pathname, body);
    return [status, out, {}];
  }

  /** Requests with this idempotency key that Stripe carried out (not replays, not refused). */
  executed(key: string): number {
    return this.requests.filter((r) => r.idempotencyKey === key && !r.replayed).length;
  }

  private notFound(id: string): [number, unknown] {
    return [
      404,
      { error: { type: "invalid_request_error", code: "resource_missing", message: `No such object: '${id}'` } },
    ];
  }

  private route(method: string, path: string, body: Record<string, unknown>): [number, unknown] {
    let m: RegExpExecArray | null;
    if (method === "POST" && path === "/v1/checkout/sessions") return [200, this.createSession(body)];
    if (method === "GET" && path === "/v1/checkout/sessions") return [200, this.listSessions(body)];
    if ((m = /^\/v1\/checkout\/sessions\/([^/]+)$/.exec(path)) && method === "GET") {
      const s = this.sessions.get(m[1]!);
      return s ? [200, s] : this.notFound(m[1]!);
    }
    if ((m = /^\/v1\/checkout\/sessions\/([^/]+)\/expire$/.exec(path)) && method === "POST") {
      const s = this.sessions.get(m[1]!);
      if (!s) return this.notFound(m[1]!);
      if (s.status !== "open")
        return [
          400,
          {
            error: {
              type: "invalid_request_error",
              message: `Only Checkout Sessions with a status of \`open\` can be expired. This Checkout Session has a status of \`${String(s.status)}\`.`,
            },
          },
        ];
      s.status = "expired";
      return [200, s];
    }
    if ((m = /^\/v1\/payment_intents\/([^/]+)$/.exec(path)) && method === "GET") {
      const pi = this.intents.get(m[1]!);
      return pi ? [200, pi] : this.notFound(m[1]!);
    }
    if (method === "POST" && path === "/v1/payment_intents") return [200, this.createIntent(body)];
    if ((m = /^\/v1\/payment_intents\/([^/]+)\/(capture|cancel)$/.exec(path)) && method === "POST") {
      const pi = this.intents.get(m[1]!);
      if (!pi) return this.notFound(m[1]!);
      if (m[2] === "capture") {
        const orderId = String((pi.metadata as Record<string, unknown> | undefined)?.order_id ?? "");
        if (
          pi.status === "requires_capture" &&
          (this.declineCaptureFor.has(pi.id) || this.declineCaptureFor.has(orderId))
        ) {
          return [
            402,
            {
              error: {
                type: "card_error",
                code: "card_declined",
                decline_code: "insufficient_funds",
                message: "Your card has insufficient funds.",
              },
            },
          ];
        }
        if (pi.status !== "requires_capture")
          return [
            400,
            {
              error: {
                type: "invalid_request_error",
                code: "payment_intent_unexpected_state",
                message: `This PaymentIntent could not be captured because it has a status of ${String(pi.status)}.`,
              },
            },
          ];
        pi.status = "succeeded";
        pi.amount_received = pi.amount;
        this.charges.get(String(pi.latest_charge))!.captured = true;
      } else {
        if (pi.status === "succeeded" || pi.status === "canceled")
          return [
            400,
            {
              error: {
                type: "invalid_request_error",
                code: "payment_intent_unexpected_state",
                message: `You cannot cancel this PaymentIntent because it has a status of ${String(pi.status)}.`,
              },
            },
          ];
        pi.status = "canceled";
      }
      return [200, pi];
    }
    if (method === "POST" && path === "/v1/refunds") return this.createRefund(body);
    const connect = this.connect.route(method, path, body);
    if (connect) return connect;
    if ((m = /^\/v1\/charges\/([^/]+)$/.exec(path)) && method === "GET") {
      const ch = this.charges.get(m[1]!);
      return ch ? [200, ch] : this.notFound(m[1]!);
    }
    return [
      404,
      { error: { type: "invalid_request_error", message: `Unrecognized request URL (${method}: ${path}).` } },
    ];
  }

  private createSession(body: Record<string, unknown>): Obj {
    const items =
      (body.line_items as { quantity: string; price_data: { unit_amount: string; currency: string } }[]) ?? [];
    const amount = items.reduce((a, i) => a + Number(i.price_data.unit_amount) * Number(i.quantity), 0);
    const id = this.id("cs");
    const session: Obj = {
      id,
      object: "checkout.session",
      mode: "payment",
      status: "open",
      payment_status: "unpaid",
      amount_subtotal: amount,
      amount_total: amount,
      currency: String(items[0]?.price_data.currency ?? "cny"),
      client_reference_id: body.client_reference_id ?? null,
      metadata: body.metadata ?? {},
      payment_intent: null,
      payment_method_types: body.allowed_payment_method_types ?? body.payment_method_types ?? ["card"],
      payment_intent_data: body.payment_intent_data ?? null,
      payment_method_options: body.payment_method_options ?? {},
      success_url: body.success_url,
      cancel_url: body.cancel_url,
      expires_at: Number(body.expires_at ?? Math.floor(Date.now() / 1000) + 86_400),
      created: Math.floor(Date.now() / 1000),
      url: `${this.base}/pay/${id}`,
      livemode: false,
    };
    this.sessions.set(id, session);
    return session;
  }

  /** Like Stripe: newest first, `limit` a page (≤ 100), `starting_after` an id of the previous page, `has_more`. */
  private listSessions(q: Record<string, unknown>) {
    const gte = Number(q["created[gte]"] ?? 0);
    const limit = Math.min(Number(q.limit ?? 10), 100);
    let all = [...this.sessions.values()].filter((s) => Number(s.created) >= gte).reverse();
    if (q.starting_after) all = all.slice(all.findIndex((s) => s.id === q.starting_after) + 1);
    return { object: "list", url: "/v1/checkout/sessions", has_more: all.length > limit, data: all.slice(0, limit) };
  }

  /** `n` open sessions of nobody's order, made now (to fill pages of the session list). */
  addSessions(n: number): void {
    for (let i = 0; i < n; i++) {
      this.createSession({
        line_items: [{ quantity: "1", price_data: { unit_amount: "100", currency: "cny" } }],
        metadata: { order_id: `ord_other_${i}` },
        client_reference_id: `ord_other_${i}`,
      });
    }
  }

  private createIntent(body: Record<string, unknown>): Obj {
    const id = this.id("pi");
    const chargeId = this.id("ch");
    const manual = body.capture_method === "manual";
    const pi: Obj = {
      id,
      object: "payment_intent",
      amount: Number(body.amount),
      amount_received: manual ? 0 : Number(body.amount),
      currency: body.currency ?? "cny",
      capture_method: manual ? "manual" : "automatic",
      status: manual ? "requires_capture" : "succeeded",
      latest_charge: chargeId,
      metadata: body.metadata ?? {},
      payment_method_types: body.payment_method_types ?? ["card"],
    };
    this.intents.set(id, pi);
    this.charges.set(chargeId, {
      id: chargeId,
      object: "charge",
      amount: pi.amount,
      amount_refunded: 0,
      refunded: false,
      captured: !manual,
      payment_intent: id,
      currency: pi.currency,
      refunds: { object: "list", data: [] },
    });
    return pi;
  }

  private createRefund(body: Record<string, unknown>): [number, unknown] {
    const pi = this.intents.get(String(body.payment_intent));
    if (!pi) return this.notFound(String(body.payment_intent));
    const charge = this.charges.get(String(pi.latest_charge))!;
    const amount = Number(body.amount ?? Number(charge.amount) - Number(charge.amount_refunded));
    if (pi.status !== "succeeded" || amount <= 0 || Number(charge.amount_refunded) + amount > Number(charge.amount)) {
      return [
        400,
        {
          error: {
            type: "invalid_request_error",
            code: "charge_already_refunded",
            message: "Charge has already been refunded, or the amount is larger than what is left.",
          },
        },
      ];
    }
    const refund: Obj = {
      id: this.id("re"),
      object: "refund",
      amount,
      charge: charge.id,
      payment_intent: pi.id,
      currency: pi.currency,
      status: "succeeded",
      metadata: body.metadata ?? {},
    };
    this.refunds.set(refund.id, refund);
    charge.amount_refunded = Number(charge.amount_refunded) + amount;
    charge.refunded = charge.amount_refunded === charge.amount;
    (charge.refunds as { data: Obj[] }).data.push(refund);
    return [200, refund];
  }

  /** Stripe's side of a payment: the session completes with the given outcome, and webhooks go out. */
  async complete(sessionId: string, outcome: Outcome = "paid", method = "card"): Promise<Obj> {
    const s = this.sessions.get(sessionId);
    if (!s) throw new Error(`no session ${sessionId}`);
    const pid = (s.payment_intent_data ?? {}) as Record<string, unknown>;
    const pi = this.createIntent({
      amount: s.amount_total,
      currency: s.currency,
      metadata: { ...(s.metadata as object), ...((pid.metadata as object) ?? {}) },
      payment_method_types: [method],
      capture_method: pid.capture_method,
    });
    s.payment_intent = pi.id;
    s.status = "complete";
    // Like Stripe: a manual-capture session completes "unpaid" while its PaymentIntent requires_capture.
    s.payment_status = outcome === "paid" && pid.capture_method !== "manual" ? "paid" : "unpaid";
    if (outcome !== "paid") pi.status = "processing";
    await this.emit("checkout.session.completed", s);
    if (outcome === "unpaid_then_succeeded") await this.settleAsync(sessionId, true);
    if (outcome === "unpaid_then_failed") await this.settleAsync(sessionId, false);
    return s;
  }

  /** A delayed payment method settles later: success or failure, with its webhook. */
  async settleAsync(sessionId: string, ok: boolean): Promise<void> {
    const s = this.sessions.get(sessionId)!;
    const pi = this.intents.get(String(s.payment_intent))!;
    pi.status = ok ? "succeeded" : "requires_payment_method";
    s.payment_status = ok ? "paid" : "unpaid";
    await this.emit(ok ? "checkout.session.async_payment_succeeded" : "checkout.session.async_payment_failed", s);
  }

  /**
   * A refund made in the Stripe dashboard (not through the API by the app): no metadata of the app's. Returns the
   * refund and the signed `charge.refunded` event (delivered when the fake has a webhook URL).
   */
  async dashboardRefund(paymentIntentId: string, amount?: number, opts: { status?: "succeeded" | "pending" } = {}) {
    const pi = this.intents.get(paymentIntentId);
    if (!pi) throw new Error(`no payment intent ${paymentIntentId}`);
    const [status, out] = this.createRefund({
      payment_intent: paymentIntentId,
      ...(amount ? { amount: String(amount) } : {}),
    });
    if (status !== 200) throw new Error(`dashboard refund refused: ${JSON.stringify(out)}`);
    const refund = out as Obj;
    if (opts.status === "pending") refund.status = "pending";
    const charge = this.charges.get(String(pi.latest_charge))!;
    // Like Stripe's events since 2022-11-15: the charge in the event does not list its refunds (fetch it).
    const { refunds: _omit, ...bare } = charge;
    return { refund, event: await this.emit("charge.refunded", bare as Obj) };
  }

  /** A pending refund settles (a dashboard refund, later), with its `charge.refund.updated` event. */
  async settleRefund(refundId: string, status: "succeeded" | "failed" = "succeeded") {
    const refund = this.refunds.get(refundId)!;
    refund.status = status;
    return this.emit("charge.refund.updated", refund);
  }

  /** A card authorisation lapses (Stripe cancels uncaptured PaymentIntents after 7 days). */
  expireAuthorization(paymentIntentId: string): void {
    const pi = this.intents.get(paymentIntentId);
    if (!pi) throw new Error(`no payment intent ${paymentIntentId}`);
    if (pi.status === "requires_capture") {
      pi.status = "canceled";
      pi.cancellation_reason = "automatic";
    }
  }

  /** The session of an order, newest first (tests look up what the app created). */
  sessionForOrder(orderId: string): Obj | undefined {
    return [...this.sessions.values()]
      .reverse()
      .find((x) => (x.metadata as Record<string, unknown>)?.order_id === orderId);
  }

  /** Stripe's own session expiry (its minimum is 30 minutes), with the webhook. */
  async expire(sessionId: string): Promise<void> {
    const s = this.sessions.get(sessionId)!;
    s.status = "expired";
    await this.emit("checkout.session.expired", s);
  }

  /** Builds a signed event for `object`; `deliver` posts it to the app (default true). */
  async emit(
    type: string,
    object: Obj,
    opts: { deliver?: boolean; timestamp?: number } = {},
  ): Promise<{ event: Obj; payload: string; header: string; status?: number }> {
    const event: Obj = {
      id: this.id("evt"),
      object: "event",
      type,
      api_version: "2026-10-28.endive",
      created: Math.floor(Date.now() / 1000),
      livemode: false,
      data: { object: structuredClone(object) },
    };
    this.sentEvents.push(event);
    const payload = JSON.stringify(event);
    const header = this.signer.webhooks.generateTestHeaderString({
      payload,
      secret: this.webhookSecret,
      timestamp: opts.timestamp,
    });
    if (opts.deliver === false || !this.webhookUrl) return { event, payload, header };
    const res = await fetch(this.webhookUrl, {
      method: "POST",
      body: payload,
      headers: { "content-type": "application/json", "stripe-signature": header },
    });
    return { event, payload, header, status: res.status };
  }

  private async hostedPage(
    method: string,
    url: URL,
    raw: string,
    send: (s: number, b: unknown, h?: Record<string, string>) => void,
    res: http.ServerResponse,
  ) {
    const [, , id, action] = url.pathname.split("/");
    const s = this.sessions.get(id ?? "");
    if (!s) return send(404, "<h1>No such checkout</h1>");
    if (method === "POST" && action === "confirm") {
      const choice = new URLSearchParams(raw).get("method") ?? "card";
      if (choice === "cancel") {
        res.writeHead(303, { location: String(s.cancel_url) });
        return res.end();
      }
      await this.complete(s.id, "paid", choice);
      res.writeHead(303, { location: String(s.success_url).replace("{CHECKOUT_SESSION_ID}", s.id) });
      return res.end();
    }
    const yuan = (Number(s.amount_total) / 100).toFixed(2);
    return send(
      200,
      `<!doctype html><html lang="en"><meta name="viewport" content="width=device-width"><title>Test checkout</title>
<body style="font-family:sans-serif;max-width:420px;margin:2rem auto"><h1>Test payment (local Stripe fake)</h1>
<p data-testid="fake-amount">CNY ${yuan}</p><form method="post" action="/pay/${s.id}/confirm">
${(s.payment_method_types as string[]).map((m) => `<button name="method" value="${m}" data-testid="fake-pay-${m}" style="display:block;margin:.5rem 0;padding:.75rem 1rem">Pay with ${m}</button>`).join("")}
<button name="method" value="cancel" data-testid="fake-cancel">Cancel</button></form></body></html>`,
    );
  }
}
