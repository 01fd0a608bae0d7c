import "server-only";
import { and, asc, desc, eq, gte, inArray, lt, lte, max, min, sql } from "drizzle-orm";
import { newId } from "../core/ids";
import { schema as s, type Db, type DbOrTx } from "../db";
import { accounts, partyAccounts } from "../ledger";
import type { Party, PartyKind } from "../ledger/contract";
import type { JournalKind, StatementEntryView, StatementView } from "./contract";
import { partyKey, partyNames } from "./parties";
import {
  lastDayOf,
  nextPeriod,
  periodContaining,
  periodOfDay,
  previousPeriod,
  type Period,
  type PeriodKind,
} from "./periods";

/** A week closes this long after it ends, so a transaction still committing at midnight lands in it first. */
export const CLOSE_GRACE_MS = 60 * 60_000;
export const STATEMENT_PAGE = 100;

const owedSum = sql<string>`-coalesce(sum(${s.ledgerEntries.amountFen}), 0)`;

/** Owed to the party by the entries posted in [from, to): the sum, negated (credits are what the platform owes). */
async function owedBetween(
  db: DbOrTx,
  ids: string[],
  from: Date | null,
  to: Date,
  through?: { at: Date; id: number },
): Promise<{ fen: number; count: number }> {
  const [row] = await db
    .select({ fen: owedSum, count: sql<string>`count(*)` })
    .from(s.ledgerEntries)
    .where(
      and(
        inArray(s.ledgerEntries.accountId, ids),
        from ? gte(s.ledgerEntries.postedAt, from) : undefined,
        lt(s.ledgerEntries.postedAt, to),
        through
          ? sql`(${s.ledgerEntries.postedAt}, ${s.ledgerEntries.id}) <= (${through.at}, ${through.id})`
          : undefined,
      ),
    );
  return { fen: Number(row?.fen ?? 0), count: Number(row?.count ?? 0) };
}

/**
 * What the platform owed the party at `at`: the last closed statement that ended by then, plus what was posted
 * since — so a balance reads one week of entries, not the party's whole history.
 */
export async function owedAt(db: DbOrTx, party: Party, at: Date): Promise<number> {
  const [checkpoint] = await db
    .select({ end: s.ledgerStatements.periodEnd, closing: s.ledgerStatements.closingFen })
    .from(s.ledgerStatements)
    .where(
      and(
        eq(s.ledgerStatements.partyKind, party.kind),
        eq(s.ledgerStatements.partyId, party.id),
        lte(s.ledgerStatements.periodEnd, at),
      ),
    )
    .orderBy(desc(s.ledgerStatements.periodEnd))
    .limit(1);
  const since = await owedBetween(db, partyAccounts(party), checkpoint?.end ?? null, at);
  return (checkpoint ? Number(checkpoint.closing) : 0) + since.fen;
}

/** Far in the future: "everything posted so far". */
const END_OF_TIME = new Date("9999-01-01T00:00:00Z");

/** What the platform owes the party now (every entry posted). */
export const owedNow = (db: DbOrTx, party: Party) => owedAt(db, party, END_OF_TIME);

/**
 * One period of a party's account: the balance it opened with, each entry (with its order and item) and the
 * running balance after it, and the balance it closed with. A page holds STATEMENT_PAGE entries; `after` (an entry
 * id) continues from where the previous page stopped.
 */
export async function readStatement(
  db: DbOrTx,
  party: Party,
  q: { period: PeriodKind; day?: string; after?: string },
  at: Date,
): Promise<StatementView> {
  const names = await partyNames(db, [party]);
  const name = names.get(partyKey(party)) ?? { nameZh: party.id, nameEn: party.id };
  return readSubject(
    db,
    {
      party: { kind: party.kind, id: party.id, ...name },
      ids: partyAccounts(party),
      openingAt: (t) => owedAt(db, party, t),
    },
    q,
    at,
  );
}

/** The platform's fees, as a statement: what it earned from each order line, and what refunds took back. */
export async function readPlatformStatement(
  db: DbOrTx,
  q: { period: PeriodKind; day?: string; after?: string },
  at: Date,
): Promise<StatementView> {
  const ids = [accounts.platformRevenue];
  return readSubject(
    db,
    {
      party: { kind: "platform", id: "platform", nameZh: "平台收入", nameEn: "Platform revenue" },
      ids,
      openingAt: async (t) => (await owedBetween(db, ids, null, t)).fen,
    },
    q,
    at,
  );
}

async function readSubject(
  db: DbOrTx,
  subject: { party: StatementView["party"]; ids: string[]; openingAt: (at: Date) => Promise<number> },
  q: { period: PeriodKind; day?: string; after?: string },
  at: Date,
): Promise<StatementView> {
  const period = q.day ? periodOfDay(q.period, q.day) : periodContaining(q.period, at);
  const { ids } = subject;
  const [opening, movement] = await Promise.all([
    subject.openingAt(period.start),
    owedBetween(db, ids, period.start, period.end),
  ]);
  const cursor = q.after ? await entryPosition(db, Number(q.after), ids, period) : null;
  const rows = await db
    .select({
      id: s.ledgerEntries.id,
      at: s.ledgerEntries.postedAt,
      accountId: s.ledgerEntries.accountId,
      fen: s.ledgerEntries.amountFen,
      kind: s.ledgerJournals.kind,
      orderNumber: s.orders.number,
      productZh: s.orderLines.productNameZh,
      productEn: s.orderLines.productNameEn,
      variantZh: s.orderLines.variantLabelZh,
      variantEn: s.orderLines.variantLabelEn,
    })
    .from(s.ledgerEntries)
    .innerJoin(s.ledgerJournals, eq(s.ledgerJournals.id, s.ledgerEntries.journalId))
    .leftJoin(s.orders, eq(s.orders.id, s.ledgerEntries.orderId))
    .leftJoin(s.orderLines, eq(s.orderLines.id, s.ledgerEntries.orderLineId))
    .where(
      and(
        inArray(s.ledgerEntries.accountId, ids),
        gte(s.ledgerEntries.postedAt, period.start),
        lt(s.ledgerEntries.postedAt, period.end),
        cursor ? sql`(${s.ledgerEntries.postedAt}, ${s.ledgerEntries.id}) > (${cursor.at}, ${cursor.id})` : undefined,
      ),
    )
    .orderBy(asc(s.ledgerEntries.postedAt), asc(s.ledgerEntries.id))
    .limit(STATEMENT_PAGE + 1);
  const page = rows.slice(0, STATEMENT_PAGE);
  // The running balance at the top of this page: the opening plus the entries on the pages before it.
  let balance = opening + (cursor ? (await owedBetween(db, ids, period.start, period.end, cursor)).fen : 0);
  const entries: StatementEntryView[] = page.map((r) => {
    const amountFen = 0 - Number(r.fen);
    balance += amountFen;
    return {
      id: r.id,
      at: r.at,
      kind: r.kind as JournalKind,
      cash: r.accountId.startsWith("station_cash:"),
      orderNumber: r.orderNumber,
      item: r.productZh
        ? { zh: `${r.productZh} ${r.variantZh ?? ""}`.trim(), en: `${r.productEn} ${r.variantEn ?? ""}`.trim() }
        : null,
      amountFen,
      balanceFen: balance,
    };
  });
  const next = nextPeriod(period);
  return {
    party: subject.party,
    period: {
      kind: period.kind,
      firstDay: period.firstDay,
      lastDay: lastDayOf(period),
      previousDay: previousPeriod(period).firstDay,
      nextDay: next.start <= at ? next.firstDay : null,
    },
    openingFen: opening,
    closingFen: opening + movement.fen,
    entries,
    nextAfter: rows.length > STATEMENT_PAGE ? String(page.at(-1)!.id) : null,
    entryCount: movement.count,
    closed: period.end.getTime() + CLOSE_GRACE_MS <= at.getTime(),
  };
}

async function entryPosition(db: DbOrTx, id: number, ids: string[], period: Period) {
  if (!Number.isSafeInteger(id)) return null;
  const [row] = await db
    .select({ id: s.ledgerEntries.id, at: s.ledgerEntries.postedAt })
    .from(s.ledgerEntries)
    .where(
      and(
        eq(s.ledgerEntries.id, id),
        inArray(s.ledgerEntries.accountId, ids),
        gte(s.ledgerEntries.postedAt, period.start),
        lt(s.ledgerEntries.postedAt, period.end),
      ),
    );
  return row ?? null;
}

/**
 * Closes every party's weeks that have ended (plus the grace): one statement per party per week, from the week of
 * its first entry, each opening where the previous one closed. Idempotent (one row per party and week) and safe on
 * several instances at once.
 */
export async function closeDueStatements(db: Db, at: Date): Promise<number> {
  const rows = await db
    .selectDistinct({ kind: s.ledgerAccounts.kind, partyId: s.ledgerAccounts.partyId })
    .from(s.ledgerAccounts)
    .where(inArray(s.ledgerAccounts.kind, ["coop", "streamer", "station", "station_cash"]));
  const parties = new Map<string, Party>();
  for (const r of rows) {
    const kind: PartyKind = r.kind === "station_cash" ? "station" : (r.kind as PartyKind);
    parties.set(`${kind}:${r.partyId}`, { kind, id: r.partyId! });
  }
  let closed = 0;
  for (const party of parties.values()) closed += await closePartyWeeks(db, party, at);
  return closed;
}

async function closePartyWeeks(db: Db, party: Party, at: Date): Promise<number> {
  const ids = partyAccounts(party);
  const [last] = await db
    .select()
    .from(s.ledgerStatements)
    .where(and(eq(s.ledgerStatements.partyKind, party.kind), eq(s.ledgerStatements.partyId, party.id)))
    .orderBy(desc(s.ledgerStatements.periodStart))
    .limit(1);
  let week: Period;
  let opening: number;
  if (last) {
    week = periodContaining("week", last.periodEnd);
    opening = Number(last.closingFen);
  } else {
    const [first] = await db
      .select({ at: min(s.ledgerEntries.postedAt) })
      .from(s.ledgerEntries)
      .where(inArray(s.ledgerEntries.accountId, ids));
    if (!first?.at) return 0;
    week = periodContaining("week", first.at);
    opening = 0;
  }
  let closed = 0;
  while (week.end.getTime() + CLOSE_GRACE_MS <= at.getTime()) {
    const movement = await owedBetween(db, ids, week.start, week.end);
    const inserted = await db
      .insert(s.ledgerStatements)
      .values({
        id: newId("stm"),
        partyKind: party.kind,
        partyId: party.id,
        periodStart: week.start,
        periodEnd: week.end,
        openingFen: opening,
        closingFen: opening + movement.fen,
        entryCount: movement.count,
        closedAt: at,
      })
      .onConflictDoNothing()
      .returning({ id: s.ledgerStatements.id });
    if (!inserted.length) return closed; // another instance is closing this party's weeks
    closed++;
    opening += movement.fen;
    week = nextPeriod(week);
  }
  return closed;
}

/** A party's closed statements, newest first, with the payout each led to. */
export async function listClosedStatements(db: DbOrTx, party: Party, limit = 12) {
  const rows = await db
    .select({
      id: s.ledgerStatements.id,
      periodStart: s.ledgerStatements.periodStart,
      periodEnd: s.ledgerStatements.periodEnd,
      openingFen: s.ledgerStatements.openingFen,
      closingFen: s.ledgerStatements.closingFen,
      entryCount: s.ledgerStatements.entryCount,
      payoutFen: s.payouts.amountFen,
      payoutStatus: s.payouts.status,
    })
    .from(s.ledgerStatements)
    .leftJoin(s.payouts, eq(s.payouts.statementId, s.ledgerStatements.id))
    .where(and(eq(s.ledgerStatements.partyKind, party.kind), eq(s.ledgerStatements.partyId, party.id)))
    .orderBy(desc(s.ledgerStatements.periodStart))
    .limit(limit);
  return rows.map((r) => {
    const week = periodContaining("week", r.periodStart);
    return {
      id: r.id,
      firstDay: week.firstDay,
      lastDay: lastDayOf(week),
      openingFen: Number(r.openingFen),
      closingFen: Number(r.closingFen),
      entryCount: r.entryCount,
      payout: r.payoutStatus ? { amountFen: Number(r.payoutFen), status: r.payoutStatus } : null,
    };
  });
}

/** The latest moment covered by a closed statement, anywhere: nothing may be posted before it. */
export async function closedThrough(db: DbOrTx): Promise<Date | null> {
  const [row] = await db.select({ end: max(s.ledgerStatements.periodEnd) }).from(s.ledgerStatements);
  return row?.end ?? null;
}
