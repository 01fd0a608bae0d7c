/**
 * The Stripe Connect part of the local Stripe stand-in: connected (Express) accounts, their hosted onboarding, and
 * transfers from the platform's balance, in Stripe's wire format. Test helper only.
 */
import crypto from "node:crypto";

type Obj = Record<string, unknown> & { id: string };
type Answer = [number, unknown];

const invalid = (message: string, code?: string): Answer => [
  400,
  { error: { type: "invalid_request_error", message, ...(code ? { code } : {}) } },
];

export class FakeConnect {
  readonly accounts = new Map<string, Obj>();
  readonly transfers = new Map<string, Obj>();
  /** What the platform's balance can still pay out, in fen (a test lowers it to see a transfer refused). */
  availableFen = 100_000_000;

  constructor(private readonly base: () => string) {}

  private id(prefix: string) {
    return `${prefix}_test_${crypto.randomBytes(12).toString("hex")}`;
  }

  /** The API routes it answers, or null for a path that is not Connect's. */
  route(method: string, path: string, body: Record<string, unknown>): Answer | null {
    let m: RegExpExecArray | null;
    if (method === "POST" && path === "/v1/accounts") return [200, this.createAccount(body)];
    if ((m = /^\/v1\/accounts\/([^/]+)$/.exec(path)) && method === "GET") {
      const a = this.accounts.get(m[1]!);
      return a ? [200, a] : this.missing(m[1]!);
    }
    if (method === "POST" && path === "/v1/account_links") {
      const a = this.accounts.get(String(body.account ?? ""));
      if (!a) return this.missing(String(body.account));
      const q = new URLSearchParams({ return_url: String(body.return_url), refresh_url: String(body.refresh_url) });
      return [
        200,
        {
          object: "account_link",
          created: Math.floor(Date.now() / 1000),
          expires_at: Math.floor(Date.now() / 1000) + 300,
          url: `${this.base()}/connect/onboard/${a.id}?${q}`,
        },
      ];
    }
    if (method === "POST" && path === "/v1/transfers") return this.createTransfer(body);
    if ((m = /^\/v1\/transfers\/([^/]+)$/.exec(path)) && method === "GET") {
      const t = this.transfers.get(m[1]!);
      return t ? [200, t] : this.missing(m[1]!);
    }
    return null;
  }

  private missing(id: string): Answer {
    return [
      404,
      { error: { type: "invalid_request_error", code: "resource_missing", message: `No such account: '${id}'` } },
    ];
  }

  private createAccount(body: Record<string, unknown>): Obj {
    const a: Obj = {
      id: this.id("acct"),
      object: "account",
      type: body.type ?? "express",
      email: body.email ?? null,
      metadata: body.metadata ?? {},
      charges_enabled: false,
      payouts_enabled: false,
      details_submitted: false,
      capabilities: { transfers: "inactive" },
      created: Math.floor(Date.now() / 1000),
    };
    this.accounts.set(a.id, a);
    return a;
  }

  /** Completes an account's onboarding, as the person would on Stripe's hosted pages. */
  onboard(accountId: string): void {
    const a = this.accounts.get(accountId);
    if (!a) throw new Error(`no account ${accountId}`);
    Object.assign(a, { details_submitted: true, payouts_enabled: true, capabilities: { transfers: "active" } });
  }

  private createTransfer(body: Record<string, unknown>): Answer {
    const amount = Number(body.amount);
    const destination = this.accounts.get(String(body.destination ?? ""));
    if (!destination) return this.missing(String(body.destination));
    if (String(body.currency) !== "cny")
      return invalid(`Transfers in ${String(body.currency)} are not supported here.`);
    if (!Number.isInteger(amount) || amount <= 0)
      return invalid("Invalid positive integer", "parameter_invalid_integer");
    if ((destination.capabilities as { transfers: string }).transfers !== "active")
      return invalid(
        "Your destination account needs to have at least one of the following capabilities enabled: transfers, crypto_transfers, legacy_payments",
        "insufficient_capabilities_for_transfer",
      );
    if (amount > this.availableFen)
      return invalid(
        "You have insufficient available funds in your Stripe account. Try adding funds directly to your available balance.",
        "balance_insufficient",
      );
    this.availableFen -= amount;
    const t: Obj = {
      id: this.id("tr"),
      object: "transfer",
      amount,
      currency: "cny",
      destination: destination.id,
      metadata: body.metadata ?? {},
      reversed: false,
      created: Math.floor(Date.now() / 1000),
    };
    this.transfers.set(t.id, t);
    return [200, t];
  }

  /** Stripe's hosted onboarding, reduced to one button: it completes the account and sends the person back. */
  hostedOnboarding(method: string, url: URL): { status: number; body?: string; location?: string } {
    const id = url.pathname.split("/")[3] ?? "";
    const a = this.accounts.get(id);
    if (!a) return { status: 404, body: "<h1>No such account</h1>" };
    const back = url.searchParams.get("return_url") ?? "/";
    if (method === "POST") {
      this.onboard(a.id);
      return { status: 303, location: back };
    }
    const esc = (v: string) => v.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
    return {
      status: 200,
      body: `<!doctype html><html lang="en"><meta name="viewport" content="width=device-width"><title>Test onboarding</title>
<body style="font-family:sans-serif;max-width:420px;margin:2rem auto"><h1>Payout account (local Stripe fake)</h1>
<p>${esc(String(a.email ?? a.id))}</p><form method="post" action="${esc(url.pathname + url.search)}">
<button data-testid="fake-onboard-submit" style="padding:.75rem 1rem">Submit details</button></form></body></html>`,
    };
  }
}
