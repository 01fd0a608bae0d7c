import "server-only";
import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { assertAdmin } from "../auth";
import type { Viewer } from "../auth/contract";
import { now } from "../core/clock";
import { getDb, schema as s, type DbOrTx } from "../db";
import { accounts, trialBalance } from "../ledger";
import type { Party, PartyKind } from "../ledger/contract";
import type { FinanceOverview, PartyFinanceView, PayoutView, StatementQuery, StatementView } from "./contract";
import { assertParty, partyKey, partyNames } from "./parties";
import { payoutAccountStatus } from "./payout-account";
import { lastDayOf, periodContaining } from "./periods";
import { listClosedStatements, owedNow, readPlatformStatement, readStatement } from "./statements";

/** A party's finance page: its balance, the statement of the chosen period, past statements, payouts, payout account. */
export async function partyFinance(viewer: Viewer | null, party: Party, q: StatementQuery): Promise<PartyFinanceView> {
  assertParty(viewer, party);
  const db = await getDb();
  const at = now();
  const [statement, balanceFen, closedStatements, payouts, payoutAccount, station] = await Promise.all([
    readStatement(db, party, q, at),
    owedNow(db, party),
    listClosedStatements(db, party),
    listPayouts(db, { party, limit: 12 }),
    payoutAccountStatus(party),
    party.kind === "station" ? stationSides(db, party.id) : Promise.resolve(null),
  ]);
  return { statement, balanceFen, closedStatements, payouts, payoutAccount, station };
}

/** Every entry of a period, for the CSV (pages read one after another): a party's, or (admins) the platform's. */
export async function statementForExport(
  viewer: Viewer | null,
  subject: Party | { kind: "platform" },
  q: StatementQuery,
): Promise<StatementView> {
  if (subject.kind === "platform") assertAdmin(viewer);
  else assertParty(viewer, subject);
  const db = await getDb();
  const at = now();
  const read = (after: string | undefined) =>
    subject.kind === "platform"
      ? readPlatformStatement(db, { ...q, after }, at)
      : readStatement(db, subject, { ...q, after }, at);
  const first = await read(undefined);
  const entries = [...first.entries];
  let after = first.nextAfter;
  while (after) {
    const page = await read(after);
    entries.push(...page.entries);
    after = page.nextAfter;
  }
  return { ...first, entries, nextAfter: null };
}

async function stationSides(db: DbOrTx, stationId: string) {
  const rows = await db
    .select({ accountId: s.ledgerEntries.accountId, fen: sql<string>`sum(${s.ledgerEntries.amountFen})` })
    .from(s.ledgerEntries)
    .where(inArray(s.ledgerEntries.accountId, [accounts.station(stationId), accounts.stationCash(stationId)]))
    .groupBy(s.ledgerEntries.accountId);
  const of = (id: string) => Number(rows.find((r) => r.accountId === id)?.fen ?? 0);
  return { cashHeldFen: of(accounts.stationCash(stationId)), commissionFen: 0 - of(accounts.station(stationId)) };
}

async function listPayouts(db: DbOrTx, f: { party?: Party; status?: "pending"; limit: number }): Promise<PayoutView[]> {
  const rows = await db
    .select({
      p: s.payouts,
      periodStart: s.ledgerStatements.periodStart,
    })
    .from(s.payouts)
    .innerJoin(s.ledgerStatements, eq(s.ledgerStatements.id, s.payouts.statementId))
    .where(
      and(
        f.party ? and(eq(s.payouts.partyKind, f.party.kind), eq(s.payouts.partyId, f.party.id)) : undefined,
        f.status ? eq(s.payouts.status, f.status) : undefined,
      ),
    )
    .orderBy(desc(s.payouts.createdAt), desc(s.payouts.id))
    .limit(f.limit);
  const names = await partyNames(
    db,
    rows.map((r) => ({ kind: r.p.partyKind as PartyKind, id: r.p.partyId })),
  );
  return rows.map(({ p, periodStart }) => {
    const week = periodContaining("week", periodStart);
    const name = names.get(`${p.partyKind}:${p.partyId}`) ?? { nameZh: p.partyId, nameEn: p.partyId };
    return {
      id: p.id,
      statementId: p.statementId,
      periodFirstDay: week.firstDay,
      periodLastDay: lastDayOf(week),
      amountFen: Number(p.amountFen),
      method: p.method,
      status: p.status,
      reference: p.transferId ?? p.bankReference,
      lastError: p.lastError,
      createdAt: p.createdAt,
      paidAt: p.paidAt,
      partyKind: p.partyKind as PartyKind,
      partyId: p.partyId,
      partyNameZh: name.nameZh,
      partyNameEn: name.nameEn,
    };
  });
}

/**
 * The admin's view of the money: platform revenue, what is owed to whom, the cash each station holds and what it
 * should hand in, payouts waiting and done, payout runs, and the rates. Read from the trial balance (one pass).
 */
export async function financeOverview(viewer: Viewer | null, q: StatementQuery): Promise<FinanceOverview> {
  assertAdmin(viewer);
  const db = await getDb();
  const [balances, stations, coops, pendingPayouts, recentPayouts, runs, unpaid, platform] = await Promise.all([
    trialBalance(db),
    db
      .select({
        id: s.stations.id,
        nameZh: s.stations.nameZh,
        nameEn: s.stations.nameEn,
        commissionBps: s.stations.commissionBps,
      })
      .from(s.stations)
      .orderBy(s.stations.nameZh),
    db
      .select({
        id: s.cooperatives.id,
        nameZh: s.cooperatives.nameZh,
        nameEn: s.cooperatives.nameEn,
        platformFeeBps: s.cooperatives.platformFeeBps,
      })
      .from(s.cooperatives)
      .where(eq(s.cooperatives.status, "approved"))
      .orderBy(s.cooperatives.nameZh),
    listPayouts(db, { status: "pending", limit: 100 }),
    listPayouts(db, { limit: 20 }),
    db.select().from(s.payoutRuns).orderBy(desc(s.payoutRuns.createdAt)).limit(10),
    db
      .select({ n: sql<string>`count(*)` })
      .from(s.ledgerStatements)
      .where(isNull(s.ledgerStatements.settledAt)),
    readPlatformStatement(db, q, now()),
  ]);
  const bal = (id: string) => balances.find((b) => b.accountId === id)?.balanceFen ?? 0;
  const payables: Record<PartyKind, number> = { coop: 0, streamer: 0, station: 0 };
  for (const b of balances) {
    if (b.kind === "coop" || b.kind === "streamer") payables[b.kind] += Math.max(0, -b.balanceFen);
    if (b.kind === "station") payables.station += Math.max(0, -b.balanceFen - bal(accounts.stationCash(b.partyId!)));
  }
  const streamerIds = balances.filter((b) => b.kind === "streamer").map((b) => b.partyId!);
  const streamerNames = await partyNames(
    db,
    streamerIds.map((id) => ({ kind: "streamer" as const, id })),
  );
  return {
    platformRevenueFen: 0 - bal(accounts.platformRevenue),
    payables,
    clearingFen: bal(accounts.clearing),
    bankFen: bal(accounts.bank),
    refundsPayableFen: 0 - bal(accounts.refundsPayable),
    buyerFundsFen: 0 - bal(accounts.buyerFunds),
    inTransitFen: 0 - bal(accounts.payoutsInTransit),
    trialBalanceFen: balances.reduce((a, b) => a + b.balanceFen, 0),
    stations: stations.map((st) => {
      const cash = bal(accounts.stationCash(st.id));
      const commission = 0 - bal(accounts.station(st.id));
      return { ...st, cashHeldFen: cash, commissionOwedFen: commission, toRemitFen: cash - commission };
    }),
    coops: coops.map((c) => ({ ...c, owedFen: 0 - bal(accounts.coop(c.id)) })),
    streamers: streamerIds.map((id) => ({
      id,
      name: streamerNames.get(partyKey({ kind: "streamer", id }))?.nameZh ?? id,
      owedFen: 0 - bal(accounts.streamer(id)),
    })),
    pendingPayouts,
    recentPayouts,
    runs: runs.map((r) => ({ id: r.id, at: r.createdAt, payoutCount: r.payoutCount, totalFen: Number(r.totalFen) })),
    unpaidStatements: Number(unpaid[0]?.n ?? 0),
    platform,
  };
}
