import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import type { Viewer } from "../auth/contract";
import { now } from "../core/clock";
import { AppError } from "../core/errors";
import { getDb, schema as s } from "../db";
import type { Party } from "../ledger/contract";
import {
  createConnectedAccount,
  createOnboardingLink,
  onlinePaymentsEnabled,
  retrieveConnectedAccount,
} from "../payments";
import type { PayoutAccountInput } from "./contract";
import { assertOwnParty, assertParty } from "./parties";

const rowOf = async (party: Party) => {
  const db = await getDb();
  const [row] = await db
    .select()
    .from(s.payoutAccounts)
    .where(and(eq(s.payoutAccounts.partyKind, party.kind), eq(s.payoutAccounts.partyId, party.id)));
  return row ?? null;
};

/** Where Stripe sends the party back (and where an expired link restarts): refreshes the account, then its page. */
export const payoutAccountReturnPath = (party: Party) =>
  `/api/finance/payout-account?kind=${party.kind}&id=${encodeURIComponent(party.id)}`;

/**
 * A party asks to be paid through Stripe: its connected account is made once (claimed in a row first, then created at
 * Stripe with the party's own idempotency key, no transaction open), and a fresh onboarding link is returned.
 */
export async function startPayoutOnboarding(
  viewer: Viewer | null,
  party: PayoutAccountInput,
  origin: string,
): Promise<{ url: string }> {
  assertOwnParty(viewer, party);
  if (!onlinePaymentsEnabled()) throw new AppError("INVALID_STATE", "payouts here are made by bank transfer");
  const db = await getDb();
  await db
    .insert(s.payoutAccounts)
    .values({ partyKind: party.kind, partyId: party.id, status: "creating" })
    .onConflictDoNothing();
  let row = (await rowOf(party))!;
  const back = `${origin}${payoutAccountReturnPath(party)}`;
  if (row.status === "enabled") return { url: back };
  if (!row.stripeAccountId) {
    const account = await createConnectedAccount(party, viewer.email);
    await db
      .update(s.payoutAccounts)
      .set({ stripeAccountId: account.id, status: "onboarding", updatedAt: now() })
      .where(
        and(
          eq(s.payoutAccounts.partyKind, party.kind),
          eq(s.payoutAccounts.partyId, party.id),
          isNull(s.payoutAccounts.stripeAccountId),
        ),
      );
    row = (await rowOf(party))!;
  }
  return { url: await createOnboardingLink(row.stripeAccountId!, back, back) };
}

/** Back from Stripe's onboarding: the account as Stripe has it now decides whether payouts can go to it. */
export async function refreshPayoutAccount(
  viewer: Viewer | null,
  party: Party,
): Promise<"none" | "onboarding" | "enabled"> {
  assertParty(viewer, party);
  const row = await rowOf(party);
  if (!row?.stripeAccountId) return "none";
  if (row.status === "enabled") return "enabled";
  const account = await retrieveConnectedAccount(row.stripeAccountId);
  if (!account.payoutsEnabled) return "onboarding";
  const db = await getDb();
  await db
    .update(s.payoutAccounts)
    .set({ status: "enabled", updatedAt: now() })
    .where(and(eq(s.payoutAccounts.partyKind, party.kind), eq(s.payoutAccounts.partyId, party.id)));
  return "enabled";
}

export async function payoutAccountStatus(party: Party) {
  const row = await rowOf(party);
  return { status: row?.status ?? ("none" as const), stripe: onlinePaymentsEnabled() };
}
