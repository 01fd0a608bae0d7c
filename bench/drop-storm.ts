/**
 * Drop storm: N buyers (default 500) fire at once at a drop of 500 units, through the real purchase use case
 * (`buyDrop`, in this process, on the app's own pool of 10 connections) on a real PostgreSQL. Baseline in the
 * same run, through the same pool, with the same concurrency: the raw conditional UPDATE of one row
 * (`update … set units_left = units_left - 1 where id = $1 and units_left > 0`), one autocommit statement per
 * buyer. Prints purchases/s, p50/p99 and the ratio; then checks from the database that nothing was oversold
 * (drop.sold vs orders vs order lines vs the variant's stock and its movements, per-buyer units).
 *
 * Needs PostgreSQL at 127.0.0.1:5432 with trust auth (BENCH_PG_URL overrides); creates and drops its own
 * database. No build needed.
 * Usage: npm run bench -- drop-storm [--buyers=500] [--units=500] [--rounds=3]
 *    or: node --import tsx --import ./scripts/resolve-next.mjs bench/drop-storm.ts [flags]
 */
import { randomBytes } from "node:crypto";
import os from "node:os";
import pg from "pg";
import { flag, freshDatabase, median, percentile } from "./pg";

const buyers = flag("buyers", 500);
const units = flag("units", 500);
const rounds = flag("rounds", 3);
const profile = process.argv.includes("--profile");

const db = await freshDatabase("drops");
Object.assign(process.env, {
  DATABASE_URL: db.url,
  NODE_ENV: "production",
  AUTH_SECRET: randomBytes(33).toString("base64url"),
  SEED_DEMO: "0",
  LOG_LEVEL: "warn",
});

// After the environment is set: the app reads it once, on first use.
const { getDbHandle, closeDb, schema: s } = await import("../lib/db");
const { createAgreement, createCoop, createProduct, createStation } = await import("../lib/db/seed/factories");
const { createSession, setBag, goLive, openDrop, buyDrop } = await import("../lib/live");
// What the actions parse before calling the use cases (a purchase's parse is part of what a buyer waits for).
const { bagInput, buyDropInput, createSessionInput, openDropInput } = await import("../lib/live/contract");
const { stockInvariantViolations } = await import("../lib/inventory/invariant");
const { flushAllForTests } = await import("../lib/live/coalescer");
const { poolStats, resetPoolHighWater } = await import("../lib/core/pool-stats");
const { createViewer } = await import("../tests/support/viewers");
const { and, count, eq, gt, sql, sum } = await import("drizzle-orm");

interface Round {
  label: string;
  ok: number;
  failed: Record<string, number>;
  wallMs: number;
  perSec: number;
  p50: number;
  p99: number;
}

/** Fires every call at once; the rate is successes over the wall time from the first call to the last answer. */
async function storm(label: string, calls: (() => Promise<unknown>)[]): Promise<Round> {
  const lat: number[] = [];
  const failed: Record<string, number> = {};
  let ok = 0;
  const t0 = performance.now();
  await Promise.all(
    calls.map(async (call) => {
      const start = performance.now();
      try {
        const r = await call();
        if (r === false) failed.SOLD_OUT = (failed.SOLD_OUT ?? 0) + 1;
        else ok++;
      } catch (err) {
        const code = (err as { code?: string }).code ?? (err as Error).message;
        failed[code] = (failed[code] ?? 0) + 1;
      }
      lat.push(performance.now() - start);
    }),
  );
  const wallMs = performance.now() - t0;
  return {
    label,
    ok,
    failed,
    wallMs,
    perSec: (ok / wallMs) * 1000,
    p50: percentile(lat, 50),
    p99: percentile(lat, 99),
  };
}

/**
 * --profile: one more round with every statement timed (from send to answer, so a statement waiting for a row
 * lock shows the wait) and this process's CPU time, to see where a purchase's time goes.
 */
const stats = new Map<string, { n: number; ms: number; max: number }>();
let profiling = false;
// Installed before the pool opens its connections: the app's pool watch binds each client's query once.
{
  const proto = pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    if (!profiling) return original.apply(this, args);
    const q = args[0] as string | { text?: string };
    const text = (typeof q === "string" ? q : (q?.text ?? "")).replace(/\s+/g, " ");
    const name = /^(begin|commit|rollback)/i.test(text) ? text.slice(0, 8) : text.replace(/"/g, "").slice(0, 70);
    const start = performance.now();
    const done = () => {
      const ms = performance.now() - start;
      const e = stats.get(name) ?? { n: 0, ms: 0, max: 0 };
      stats.set(name, { n: e.n + 1, ms: e.ms + ms, max: Math.max(e.max, ms) });
    };
    const last = args.length - 1;
    const cb = args[last];
    if (typeof cb === "function") {
      // The pool's own query (autocommit statements) passes a callback.
      args[last] = (...r: unknown[]) => {
        done();
        return (cb as (...x: unknown[]) => unknown)(...r);
      };
      return original.apply(this, args);
    }
    const result = original.apply(this, args) as Promise<unknown> | undefined;
    if (result && typeof result.then === "function") result.then(done, done);
    return result;
  };
}

async function profiled<T>(run: () => Promise<T>): Promise<T> {
  profiling = true;
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  try {
    return await run();
  } finally {
    profiling = false;
    const used = process.cpuUsage(cpu);
    const wall = performance.now() - t0;
    console.log(
      `\nprofiled round: ${wall.toFixed(0)} ms wall, this process ${((used.user + used.system) / 1000).toFixed(0)} ms CPU (${(((used.user + used.system) / 1000 / wall) * 100).toFixed(0)} % of one core)`,
    );
    console.log(`| statement | count | mean ms | max ms | total ms |`);
    console.log(`|---|---|---|---|---|`);
    for (const [name, e] of [...stats].sort((a, b) => b[1].ms - a[1].ms))
      console.log(
        `| ${name.replace(/\|/g, "/")} | ${e.n} | ${(e.ms / e.n).toFixed(2)} | ${e.max.toFixed(0)} | ${e.ms.toFixed(0)} |`,
      );
  }
}

const handle = await getDbHandle(); // migrates the fresh database
const pool = handle.pool!;
try {
  console.log(
    `load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")} on ${os.cpus().length} cores`,
  );
  console.log(
    `database ${db.name}, pool ${pool.options.max} connections (the app's), ${buyers} buyers × 1 unit, drops of ${units} units, ${rounds} rounds`,
  );

  // The world: a cooperative, a station, one product with plenty of stock, a live session with it in the bag.
  const d = handle.db;
  const coop = await createCoop(d);
  await createStation(d);
  const rice = await createProduct(d, {
    coopId: coop.id,
    nameZh: "湖墩大米",
    variants: [{ priceFen: 6980, stock: 1_000_000 }],
  });
  const variantId = rice.variants[0]!.id;
  const streamer = await createViewer(d, { name: "小柳", memberships: [{ kind: "streamer" }] });
  // Only products under a carrying agreement in force go in a bag.
  await createAgreement(d, { streamerId: streamer.userId, coopId: coop.id });
  const { id: sessionId } = await createSession(
    streamer,
    createSessionInput.parse({ title: "湖墩新米直播", scheduledAt: "2026-12-01T20:00", coopIds: [coop.id] }),
  );
  await setBag(streamer, bagInput.parse({ sessionId, productIds: [rice.product.id] }));
  await goLive(streamer, { sessionId });
  const people: Awaited<ReturnType<typeof createViewer>>[] = [];
  for (let i = 0; i < buyers; i += 50)
    people.push(...(await Promise.all(Array.from({ length: Math.min(50, buyers - i) }, () => createViewer(d)))));
  await pool.query(`create table bench_hot_row (id text primary key, units_left int not null check (units_left >= 0))`);
  await pool.query(`analyze`);

  let keySeq = 0;
  const key = () => `bench-${Date.now().toString(36)}-${(keySeq++).toString(36).padStart(8, "0")}`;
  const newDrop = async (cap: number) =>
    (
      await openDrop(
        streamer,
        openDropInput.parse({
          sessionId,
          variantId,
          price: "49.90",
          quantityCap: cap,
          perBuyerLimit: 1,
          durationSeconds: 900,
        }),
      )
    ).dropId;
  let useHighWater = { inUse: 0, waiting: 0 };
  const dropStorm = async (label: string, who = people) => {
    const dropId = await newDrop(units);
    resetPoolHighWater();
    const r = await storm(
      label,
      who.map((b) => () => buyDrop(b, buyDropInput.parse({ dropId, quantity: 1, idempotencyKey: key() }))),
    );
    const used = poolStats();
    if (used)
      useHighWater = {
        inUse: Math.max(useHighWater.inUse, used.highInUse),
        waiting: Math.max(useHighWater.waiting, used.highWaiting),
      };
    return { ...r, dropId };
  };
  const rawStorm = async (label: string, n = buyers) => {
    const id = `row_${keySeq++}`;
    await pool.query(`insert into bench_hot_row values ($1, $2)`, [id, units]);
    return storm(
      label,
      Array.from(
        { length: n },
        () => async () =>
          (
            await pool.query(`update bench_hot_row set units_left = units_left - 1 where id = $1 and units_left > 0`, [
              id,
            ])
          ).rowCount === 1,
      ),
    );
  };

  // Warm-up: code paths compiled, the pool's connections open, the day's pickup batch created.
  await dropStorm("warm-up", people.slice(0, 50));
  await rawStorm("warm-up", 50);

  const raw: Round[] = [];
  const use: (Round & { dropId: string })[] = [];
  for (let i = 1; i <= rounds; i++) {
    raw.push(await rawStorm(`baseline raw UPDATE, round ${i}`));
    use.push(await dropStorm(`buyDrop, round ${i}`));
  }

  console.log(`\n| run | ok | refused | wall ms | per s | p50 ms | p99 ms |`);
  console.log(`|---|---|---|---|---|---|---|`);
  for (const r of [...raw, ...use]) {
    const refused =
      Object.entries(r.failed)
        .map(([k, v]) => `${k} ${v}`)
        .join(", ") || "0";
    console.log(
      `| ${r.label} | ${r.ok} | ${refused} | ${r.wallMs.toFixed(0)} | ${r.perSec.toFixed(0)} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} |`,
    );
  }
  const ratio = median(use.map((r) => r.perSec)) / median(raw.map((r) => r.perSec));
  const p99 = median(use.map((r) => r.p99));
  const baseP99 = median(raw.map((r) => r.p99));
  console.log(
    `\nmedian of ${rounds}: buyDrop ${median(use.map((r) => r.perSec)).toFixed(0)} purchases/s, p50 ${median(use.map((r) => r.p50)).toFixed(0)} ms, p99 ${p99.toFixed(0)} ms; baseline ${median(raw.map((r) => r.perSec)).toFixed(0)} updates/s, p99 ${median(raw.map((r) => r.p99)).toFixed(0)} ms`,
  );
  console.log(
    `ratio buyDrop ÷ raw UPDATE: ${ratio.toFixed(2)} (target ≥ 0.5: ${ratio >= 0.5 ? "met" : "MISSED"}); p99 ${p99.toFixed(0)} ms = ${(p99 / baseP99).toFixed(2)} × the baseline's (target ≤ 2: ${p99 <= 2 * baseP99 ? "met" : "MISSED"})`,
  );

  console.log(
    `pool high-water mark during the buyDrop rounds: ${useHighWater.inUse} of ${pool.options.max} in use, ${useHighWater.waiting} waiting with all in use`,
  );
  if (profile) use.push(await profiled(() => dropStorm("buyDrop, profiled round (not in the figures above)")));

  console.log(
    `load average at the end ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );

  // Oversold? Read everything back from the database.
  console.log(`\noversold check, from the database:`);
  let oversold = 0;
  for (const r of use) {
    const [drop] = await d.select().from(s.liveDrops).where(eq(s.liveDrops.id, r.dropId));
    const [orders] = await d.select({ n: count() }).from(s.orders).where(eq(s.orders.dropId, r.dropId));
    const [lines] = await d
      .select({ u: sum(s.orderLines.quantity).mapWith(Number) })
      .from(s.orderLines)
      .innerJoin(s.orders, eq(s.orders.id, s.orderLines.orderId))
      .where(eq(s.orders.dropId, r.dropId));
    const [over] = await d
      .select({ n: count() })
      .from(s.liveDropBuyers)
      .where(and(eq(s.liveDropBuyers.dropId, r.dropId), gt(s.liveDropBuyers.units, 1)));
    const [taken] = await d
      .select({ u: sum(s.liveDropBuyers.units).mapWith(Number) })
      .from(s.liveDropBuyers)
      .where(eq(s.liveDropBuyers.dropId, r.dropId));
    const o = Math.max(0, drop!.sold - drop!.quantityCap) + Math.max(0, (lines?.u ?? 0) - drop!.quantityCap);
    const consistent =
      drop!.sold === (lines?.u ?? 0) && drop!.sold === r.ok && drop!.sold === (taken?.u ?? 0) && orders!.n === r.ok;
    oversold += o + (consistent ? 0 : 1) + over!.n;
    console.log(
      `  ${r.label}: cap ${drop!.quantityCap}, drop.sold ${drop!.sold}, orders ${orders!.n}, units in order lines ${lines?.u ?? 0}, units per buyer rows ${taken?.u ?? 0}, buyers above the limit ${over!.n}, answered ok ${r.ok} → oversold ${o}${consistent ? "" : " INCONSISTENT"}`,
    );
  }
  const [variant] = await d.select({ stock: s.variants.stock }).from(s.variants).where(eq(s.variants.id, variantId));
  const [allLines] = await d
    .select({ u: sum(s.orderLines.quantity).mapWith(Number) })
    .from(s.orderLines)
    .where(eq(s.orderLines.variantId, variantId));
  // Open drops hold their unsold units from the stock until they close.
  const [held] = await d
    .select({ u: sum(sql<number>`${s.liveDrops.quantityCap} - ${s.liveDrops.sold}`).mapWith(Number) })
    .from(s.liveDrops)
    .where(and(eq(s.liveDrops.variantId, variantId), eq(s.liveDrops.status, "open")));
  const violations = await stockInvariantViolations(d);
  const expected = 1_000_000 - (allLines?.u ?? 0) - (held?.u ?? 0);
  const stockOk = variant!.stock === expected && variant!.stock >= 0 && violations.length === 0;
  console.log(
    `  variant stock ${variant!.stock} = 1,000,000 − ${allLines?.u ?? 0} units ordered − ${held?.u ?? 0} held by open drops: ${stockOk ? "yes" : "NO"}; stock invariant (stock = Σ movements) violations: ${violations.length}`,
  );
  console.log(`oversold: ${oversold + (stockOk ? 0 : 1)} (must be 0)`);
  if (oversold || !stockOk) process.exitCode = 1;
} finally {
  await flushAllForTests(); // the coalesced units-left events of the last round
  await closeDb();
  await db.drop();
}
