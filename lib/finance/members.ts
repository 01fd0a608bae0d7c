import "server-only";
import { and, eq } from "drizzle-orm";
import { schema as s, type DbOrTx } from "../db";
import type { Party } from "../ledger/contract";

/** Who hears about a party's money: a cooperative's owners, the streamer, a station's managers. */
export async function partyMembers(db: DbOrTx, party: Party): Promise<string[]> {
  if (party.kind === "streamer") return [party.id];
  const rows = await db
    .select({ userId: s.memberships.userId })
    .from(s.memberships)
    .where(
      and(
        eq(s.memberships.kind, party.kind),
        eq(s.memberships.scopeId, party.id),
        party.kind === "coop" ? eq(s.memberships.role, "owner") : undefined,
      ),
    );
  return [...new Set(rows.map((r) => r.userId))];
}
