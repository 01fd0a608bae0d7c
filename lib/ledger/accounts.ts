import "server-only";
import { schema as s, type Tx } from "../db";
import type { Party, PartyKind } from "./contract";

type AccountKind = (typeof s.ledgerAccountKinds)[number];

/** Account ids are derived, never looked up: `coop:<id>`, `station_cash:<id>`, `clearing` … */
export const accounts = {
  coop: (coopId: string) => `coop:${coopId}`,
  streamer: (userId: string) => `streamer:${userId}`,
  station: (stationId: string) => `station:${stationId}`,
  stationCash: (stationId: string) => `station_cash:${stationId}`,
  platformRevenue: "platform_revenue",
  clearing: "clearing",
  bank: "platform_bank",
  buyerFunds: "buyer_funds",
  refundsPayable: "refunds_payable",
  payoutsInTransit: "payouts_in_transit",
} as const;

/** The accounts whose sum is what the platform owes a party (a station's cash held counts against it). */
export function partyAccounts(party: Party): string[] {
  switch (party.kind) {
    case "coop":
      return [accounts.coop(party.id)];
    case "streamer":
      return [accounts.streamer(party.id)];
    case "station":
      return [accounts.station(party.id), accounts.stationCash(party.id)];
  }
}

/** The party account of a kind (a station's commission, not its cash). */
export function partyAccount(kind: PartyKind, id: string): string {
  return kind === "coop" ? accounts.coop(id) : kind === "streamer" ? accounts.streamer(id) : accounts.station(id);
}

export function describeAccount(id: string): { kind: AccountKind; partyId: string | null } {
  const at = id.indexOf(":");
  if (at < 0) return { kind: id as AccountKind, partyId: null };
  return { kind: id.slice(0, at) as AccountKind, partyId: id.slice(at + 1) };
}

/**
 * Opens the accounts a posting touches, once each (they are never changed afterwards). In id order: two postings
 * opening the same new accounts in different orders would each wait for the other's row (a deadlock, seen with two
 * payout runs at once).
 */
export async function ensureAccounts(tx: Tx, ids: Iterable<string>): Promise<void> {
  const rows = [...new Set(ids)].sort().map((id) => ({ id, ...describeAccount(id) }));
  if (!rows.length) return;
  await tx.insert(s.ledgerAccounts).values(rows).onConflictDoNothing({ target: s.ledgerAccounts.id });
}
