import "server-only";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { now } from "../core/clock";
import { newId } from "../core/ids";
import { schema as s, type DbOrTx, type Tx } from "../db";
import { hashLinkToken, newLinkToken } from "./tokens";

export type Purpose = (typeof s.accountTokenPurposes)[number];
type TokenRow = typeof s.accountTokens.$inferSelect;

export function tokenState(row: TokenRow | undefined, at: Date): "invalid" | "used" | "expired" | "open" {
  if (!row) return "invalid";
  if (row.usedAt) return "used";
  if (row.expiresAt.getTime() <= at.getTime()) return "expired";
  return "open";
}

/** The row a link's token names, for one purpose (a reset token never verifies an e-mail, nor the reverse). */
export async function findToken(
  db: DbOrTx,
  purpose: Purpose,
  token: string,
  opts: { lock?: boolean } = {},
): Promise<TokenRow | undefined> {
  if (!token) return undefined;
  const q = db
    .select()
    .from(s.accountTokens)
    .where(and(eq(s.accountTokens.tokenHash, hashLinkToken(token)), eq(s.accountTokens.purpose, purpose)));
  const [row] = opts.lock ? await q.for("update") : await q;
  return row;
}

/**
 * A new link of `purpose` for the account, valid for `ttlMs`; the account's earlier unused links of that purpose
 * stop working (expire now), so only the newest e-mail's link works. Returns the token: the row has only its hash.
 */
export async function issueToken(
  tx: Tx,
  userId: string,
  purpose: Purpose,
  email: string,
  ttlMs: number,
  token = newLinkToken(),
): Promise<string> {
  const at = now();
  await expireOpenTokens(tx, userId, purpose, at);
  await tx.insert(s.accountTokens).values({
    id: newId("atk"),
    userId,
    purpose,
    tokenHash: token.hash,
    email,
    expiresAt: new Date(at.getTime() + ttlMs),
  });
  return token.token;
}

export async function expireOpenTokens(tx: Tx, userId: string, purpose: Purpose, at = now()): Promise<void> {
  await tx
    .update(s.accountTokens)
    .set({ expiresAt: sql`least(${s.accountTokens.expiresAt}, ${at}::timestamptz)` })
    .where(
      and(
        eq(s.accountTokens.userId, userId),
        eq(s.accountTokens.purpose, purpose),
        isNull(s.accountTokens.usedAt),
        gt(s.accountTokens.expiresAt, at),
      ),
    );
}

/** Marks the link used, once: only while it is unused and unexpired (the row is locked by the caller). */
export async function useToken(tx: Tx, row: TokenRow, at = now()): Promise<boolean> {
  const used = await tx
    .update(s.accountTokens)
    .set({ usedAt: at })
    .where(and(eq(s.accountTokens.id, row.id), isNull(s.accountTokens.usedAt), gt(s.accountTokens.expiresAt, at)))
    .returning({ id: s.accountTokens.id });
  return used.length === 1;
}
