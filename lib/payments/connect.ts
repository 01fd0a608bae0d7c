import "server-only";
import type Stripe from "stripe";
import type { ConnectedAccountView } from "./contract";
import { callStripe } from "./stripe";

/**
 * Stripe Connect for payouts: a connected (Express) account per party, its hosted onboarding, and transfers from
 * the platform's balance. Every call runs with no transaction open (callStripe refuses otherwise).
 */

const view = (a: Stripe.Account): ConnectedAccountView => ({
  id: a.id,
  payoutsEnabled: Boolean(a.payouts_enabled),
  detailsSubmitted: Boolean(a.details_submitted),
});

/** One account per party, ever: the idempotency key is the party's (`connect:<kind>:<id>`). */
export function createConnectedAccount(
  party: { kind: string; id: string },
  email: string | null,
): Promise<ConnectedAccountView> {
  return callStripe("create connected account", async (s) =>
    view(
      await s.accounts.create(
        {
          type: "express",
          capabilities: { transfers: { requested: true } },
          ...(email ? { email } : {}),
          metadata: { party_kind: party.kind, party_id: party.id },
        },
        { idempotencyKey: `connect:${party.kind}:${party.id}` },
      ),
    ),
  );
}

export function retrieveConnectedAccount(id: string): Promise<ConnectedAccountView> {
  return callStripe("retrieve connected account", async (s) => view(await s.accounts.retrieve(id)));
}

/** A single-use link to Stripe's hosted onboarding; Stripe sends the party back to `returnUrl`. */
export function createOnboardingLink(accountId: string, refreshUrl: string, returnUrl: string): Promise<string> {
  return callStripe("create account link", async (s) => {
    const link = await s.accountLinks.create({
      account: accountId,
      refresh_url: refreshUrl,
      return_url: returnUrl,
      type: "account_onboarding",
    });
    return link.url;
  });
}

/** Pays a party from the platform's balance; `key` (`payout:<statement>`) makes a repeat pay nothing twice. */
export function createTransfer(t: {
  amountFen: number;
  destination: string;
  key: string;
  metadata: Record<string, string>;
}): Promise<{ id: string; amountFen: number }> {
  return callStripe("create transfer", async (s) => {
    const transfer = await s.transfers.create(
      { amount: t.amountFen, currency: "cny", destination: t.destination, metadata: t.metadata },
      { idempotencyKey: t.key },
    );
    return { id: transfer.id, amountFen: transfer.amount };
  });
}
