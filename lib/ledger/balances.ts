import "server-only";
import { and, inArray, lt, sql } from "drizzle-orm";
import { schema as s, type DbOrTx } from "../db";
import { describeAccount, partyAccounts } from "./accounts";
import type { Party } from "./contract";

const sumFen = sql<number>`coalesce(sum(${s.ledgerEntries.amountFen}), 0)::bigint`;

/** The signed sum of accounts (debits positive), optionally of the entries posted before `before`. */
export async function balanceOf(db: DbOrTx, accountIds: string[], before?: Date): Promise<number> {
  const [row] = await db
    .select({ fen: sumFen })
    .from(s.ledgerEntries)
    .where(
      and(inArray(s.ledgerEntries.accountId, accountIds), before ? lt(s.ledgerEntries.postedAt, before) : undefined),
    );
  return Number(row?.fen ?? 0);
}

/** What the platform owes a party now (negative: what the party owes, e.g. a station's cash not yet remitted). */
export async function owedTo(db: DbOrTx, party: Party, before?: Date): Promise<number> {
  return 0 - (await balanceOf(db, partyAccounts(party), before));
}

export interface AccountBalance {
  accountId: string;
  kind: string;
  partyId: string | null;
  /** Debits positive. */
  balanceFen: number;
}

/** Every account's balance (the admin's overview; the trial balance sums to zero). */
export async function trialBalance(db: DbOrTx): Promise<AccountBalance[]> {
  const rows = await db
    .select({ accountId: s.ledgerEntries.accountId, fen: sumFen })
    .from(s.ledgerEntries)
    .groupBy(s.ledgerEntries.accountId)
    .orderBy(s.ledgerEntries.accountId);
  return rows.map((r) => ({ accountId: r.accountId, ...describeAccount(r.accountId), balanceFen: Number(r.fen) }));
}
