import "server-only";
import { schema as s, type Tx } from "../db";
import { ensureAccounts } from "./accounts";
import type { JournalKind } from "./contract";

export interface EntryDraft {
  accountId: string;
  /** Debit positive, credit negative. */
  amountFen: number;
  orderId?: string | null;
  orderLineId?: string | null;
}

export interface JournalDraft {
  /** The event's natural key: posting it again posts nothing. */
  key: string;
  kind: JournalKind;
  at: Date;
  orderId?: string | null;
  memo?: string | null;
  actorId?: string | null;
  entries: EntryDraft[];
}

/**
 * Posts one journal inside the caller's transaction, once per key: `true` when posted now, `false` when the key
 * was already posted (or there was nothing to post). The entries must balance here already; the database checks
 * it again at commit (a deferred constraint trigger), whoever inserts.
 */
export async function postJournal(tx: Tx, j: JournalDraft): Promise<boolean> {
  const entries = j.entries.filter((e) => e.amountFen !== 0);
  for (const e of entries)
    if (!Number.isSafeInteger(e.amountFen)) throw new RangeError(`journal ${j.key}: not fen: ${e.amountFen}`);
  const total = entries.reduce((a, e) => a + e.amountFen, 0);
  if (total !== 0) throw new Error(`journal ${j.key} does not balance (${total} fen)`);
  if (entries.length === 0) return false;
  await ensureAccounts(
    tx,
    entries.map((e) => e.accountId),
  );
  const [journal] = await tx
    .insert(s.ledgerJournals)
    .values({
      key: j.key,
      kind: j.kind,
      orderId: j.orderId ?? null,
      memo: j.memo ?? null,
      actorId: j.actorId ?? null,
      postedAt: j.at,
    })
    .onConflictDoNothing({ target: s.ledgerJournals.key })
    .returning({ id: s.ledgerJournals.id });
  if (!journal) return false;
  await tx.insert(s.ledgerEntries).values(
    entries.map((e) => ({
      journalId: journal.id,
      accountId: e.accountId,
      amountFen: e.amountFen,
      orderId: e.orderId ?? j.orderId ?? null,
      orderLineId: e.orderLineId ?? null,
      postedAt: j.at,
    })),
  );
  return true;
}
