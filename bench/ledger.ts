/**
 * npm run bench -- ledger [--entries=1000000] [--rounds=15]
 *
 * A cooperative with a million ledger entries (one a year's worth of sales, spread over 52 weeks, each the coop's
 * side of a balanced journal), on a fresh PostgreSQL database migrated by the app: how long its statement page and
 * its balance take, against a plain indexed count over the same rows in the same run. The weeks are closed first
 * (as the sweep does), so balances start from the last closed statement.
 */
import os from "node:os";
import { sql } from "drizzle-orm";
import { connectPostgres, applyMigrations } from "../lib/db/connect";
import { useDbForTests as installProcessDb } from "../lib/db/client";
import { partyFinance } from "../lib/finance/read-models";
import { closeDueStatements, owedNow, readStatement } from "../lib/finance/statements";
import { periodContaining, previousPeriod } from "../lib/finance/periods";
import { flag, freshDatabase, median, percentile } from "./pg";

const ENTRIES = flag("entries", 1_000_000);
const ROUNDS = flag("rounds", 15);
const COOP = "coop_bench";
const party = { kind: "coop" as const, id: COOP };
const WEEKS = 52;
const admin = {
  userId: "usr_bench",
  sessionId: "ses_bench",
  name: "bench",
  email: null,
  phone: null,
  caps: { admin: true, streamer: false, coopIds: [], stationIds: [] },
};

const db0 = await freshDatabase("ledger");
const handle = connectPostgres(db0.url, 4);
const db = handle.db;
try {
  await applyMigrations(handle);
  installProcessDb(handle);
  const now = new Date();
  const thisWeek = periodContaining("week", now);
  const firstWeekStart = new Date(thisWeek.start.getTime() - (WEEKS - 1) * 7 * 86_400_000);
  const span = now.getTime() - firstWeekStart.getTime();
  console.log(`filling ${ENTRIES.toLocaleString()} entries for ${COOP} over ${WEEKS} weeks…`);
  const t0 = performance.now();
  await db.execute(sql`insert into ledger_accounts (id, kind, party_id) values
    (${`coop:${COOP}`}, 'coop', ${COOP}), ('buyer_funds', 'buyer_funds', null), ('platform_revenue', 'platform_revenue', null)
    on conflict do nothing`);
  // In batches of 100,000 journals per transaction: each journal is a sale shared between the coop and the platform,
  // taken from buyer funds — three entries, balanced, checked by the deferred trigger at each commit.
  const batch = 100_000;
  for (let from = 0; from < ENTRIES; from += batch) {
    const n = Math.min(batch, ENTRIES - from);
    await db.transaction(async (tx) => {
      await tx.execute(sql`
        with j as (
          insert into ledger_journals (key, kind, posted_at)
          select 'bench:' || g, 'earned', ${firstWeekStart}::timestamptz + (g::double precision / ${ENTRIES}::double precision) * ${span}::double precision * interval '1 millisecond'
          from generate_series(${from}::int, ${from + n - 1}::int) g
          returning id, posted_at, key
        ), amounts as (
          select id, posted_at, 1000 + (substr(key, 7)::int % 9000) as fen from j
        )
        insert into ledger_entries (journal_id, account_id, amount_fen, posted_at)
        select id, 'buyer_funds', fen, posted_at from amounts
        union all select id, ${`coop:${COOP}`}, -(fen - fen * 3 / 100), posted_at from amounts
        union all select id, 'platform_revenue', -(fen * 3 / 100), posted_at from amounts`);
    });
  }
  await db.execute(sql`vacuum analyze ledger_entries`);
  await db.execute(sql`vacuum analyze ledger_journals`);
  const filled = (performance.now() - t0) / 1000;
  const closed = await closeDueStatements(db, now);
  const [{ n } = { n: "0" }] = (
    (await db.execute(
      sql`select count(*) as n from ledger_entries where account_id = ${`coop:${COOP}`}`,
    )) as unknown as {
      rows: { n: string }[];
    }
  ).rows;
  console.log(
    `filled in ${filled.toFixed(0)} s; ${Number(n).toLocaleString()} coop entries; ${closed} statements closed`,
  );

  const time = async (fn: () => Promise<unknown>) => {
    const out: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const t = performance.now();
      await fn();
      out.push(performance.now() - t);
    }
    return out;
  };
  const lastWeek = previousPeriod(thisWeek);
  const targets: [string, () => Promise<unknown>][] = [
    [
      "baseline: count(*) of the coop's entries",
      () => db.execute(sql`select count(*) from ledger_entries where account_id = ${`coop:${COOP}`}`),
    ],
    ["balance now (owedNow)", () => owedNow(db, party)],
    ["statement page, this week", () => readStatement(db, party, { period: "week" }, now)],
    ["statement page, last week", () => readStatement(db, party, { period: "week", day: lastWeek.firstDay }, now)],
    [
      "statement page, last week, 2nd page",
      async () => {
        const first = await readStatement(db, party, { period: "week", day: lastWeek.firstDay }, now);
        return readStatement(
          db,
          party,
          { period: "week", day: lastWeek.firstDay, after: first.nextAfter ?? undefined },
          now,
        );
      },
    ],
    ["statement page, a month", () => readStatement(db, party, { period: "month", day: lastWeek.firstDay }, now)],
    ["the whole /coop/finance page's reads (partyFinance)", () => partyFinance(admin, party, { period: "week" })],
    [
      "for reference: sum(amount) of all the coop's entries",
      () => db.execute(sql`select sum(amount_fen) from ledger_entries where account_id = ${`coop:${COOP}`}`),
    ],
  ];
  const results: [string, number[]][] = [];
  for (const [name, fn] of targets) {
    await fn(); // warm
    results.push([name, await time(fn)]);
  }
  const base = median(results[0]![1]);
  console.log(
    `\nload average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}; ${ROUNDS} rounds each\n`,
  );
  console.log("| query | median ms | p90 ms | ÷ count(*) |");
  console.log("|---|---|---|---|");
  for (const [name, t] of results)
    console.log(
      `| ${name} | ${median(t).toFixed(1)} | ${percentile(t, 90).toFixed(1)} | ${(median(t) / base).toFixed(2)} |`,
    );
} finally {
  installProcessDb(null);
  await handle.close();
  await db0.drop();
}
