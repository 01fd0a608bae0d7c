/**
 * npm run bench -- reports [--lines=1000000] [--rounds=20] [--keep]
 *
 * Two years of trade for 20 cooperatives (a million order lines) on a fresh PostgreSQL database migrated by the app:
 * the cooperatives, their products and the stations written by the seed factories, the orders and lines by SQL in
 * batches (through the change-capture triggers, as the app's own writes go), then the report rollups built as the
 * sweep builds them. Measured: one cooperative's report for a year and the admin's overview for a year, p50/p95,
 * against one indexed count(*) of that cooperative's lines in the same run (target: p95 ≤ 300 ms and ≤ 5× it).
 */
import os from "node:os";
import { sql } from "drizzle-orm";
import { applyMigrations, connectPostgres } from "../lib/db/connect";
import { createCoop, createProduct, createStation } from "../lib/db/seed/factories";
import { readAdminReport } from "../lib/reports/admin-report";
import { readCoopReport } from "../lib/reports/coop-report";
import { resolveRange } from "../lib/reports/range";
import { pendingReportChanges, refreshReportRollups } from "../lib/reports/rollups";
import { flag, freshDatabase, median, percentile } from "./pg";

const LINES = flag("lines", 1_000_000);
const ROUNDS = flag("rounds", 20);
const ORDERS = Math.floor(LINES / 2);
const COOPS = 20;
const BUYERS = 5000;
const DAYS = 730;

const db0 = await freshDatabase("reports");
const handle = connectPostgres(db0.url, 4);
const db = handle.db;
try {
  await applyMigrations(handle);
  const t0 = performance.now();
  for (let i = 0; i < 5; i++) await createStation(db, { id: `stn_b${i}`, slug: `bench-${i}` });
  for (let c = 0; c < COOPS; c++) {
    await createCoop(db, { id: `coop_b${c}`, slug: `bench-coop-${c}`, status: "approved" });
    for (let p = 0; p < 5; p++)
      await createProduct(db, {
        id: `prd_b${c}_${p}`,
        coopId: `coop_b${c}`,
        slug: `bench-${c}-${p}`,
        status: "published",
        variants: [{ id: `var_b${c}_${p}`, priceFen: 1000 + 500 * p, stock: 1_000_000 }],
      });
  }
  await db.execute(sql`insert into users (id, name, email, password_hash)
    select 'usr_b' || g, '买家' || g, 'bench' || g || '@example.com', 'x' from generate_series(0, ${BUYERS - 1}::int) g`);
  const today = new Date();
  const start = new Date(today.getTime() - DAYS * 86_400_000);
  console.log(
    `writing ${ORDERS.toLocaleString()} orders with ${(ORDERS * 2).toLocaleString()} lines over ${DAYS} days…`,
  );
  const batch = 50_000;
  for (let from = 0; from < ORDERS; from += batch) {
    const to = Math.min(ORDERS, from + batch) - 1;
    await db.transaction(async (tx) => {
      await tx.execute(sql`
        insert into orders (id, number, buyer_id, status, channel, fulfillment, station_id, delivery_address, payment_method,
          payment_status, subtotal_fen, total_fen, idempotency_key, placed_at)
        select 'ord_b' || g, 'B' || lpad(g::text, 11, '0'), 'usr_b' || (g % ${BUYERS}::int),
          case when g % 20 = 3 then 'cancelled' else 'completed' end,
          (array['shop', 'shop', 'shop', 'campaign', 'team', 'live', 'replay'])[1 + g % 7],
          case when g % 5 = 0 then 'delivery' else 'pickup' end,
          case when g % 5 = 0 then null else 'stn_b' || (g % 5) end,
          case when g % 5 = 0 then '{"recipient":"李","phone":"13800000000","region":"浙江","line":"大柳村"}'::jsonb end,
          'pay_at_pickup', 'paid', 0, 0, 'bench-' || g,
          ${start}::timestamptz + (g::double precision / ${ORDERS}::double precision) * ${DAYS}::double precision * interval '1 day'
        from generate_series(${from}::int, ${to}::int) g`);
      // Two lines an order: two products of one cooperative, or (one in twenty) of two cooperatives.
      await tx.execute(sql`
        insert into order_lines (id, order_id, coop_id, product_id, variant_id, product_name_zh, product_name_en,
          variant_label_zh, variant_label_en, coop_name_zh, coop_name_en, unit_price_fen, quantity, line_total_fen, status,
          platform_fee_bps)
        select 'oln_b' || g || '_' || k, 'ord_b' || g, 'coop_b' || c, 'prd_b' || c || '_' || p, 'var_b' || c || '_' || p,
          '商品', 'Product', '标准装', 'Standard', '合作社', 'Coop', 1000 + 500 * p, q, (1000 + 500 * p) * q,
          case when g % 20 = 3 then 'cancelled' else 'dispatched' end, 300
        from generate_series(${from}::int, ${to}::int) g, generate_series(0, 1) k,
          lateral (select (case when k = 1 and g % 20 = 7 then g + 1 else g end) % ${COOPS}::int as c,
            (g + k * 2) % 5 as p, 1 + (g + k) % 3 as q) x`);
    });
  }
  await db.execute(sql`vacuum analyze`);
  const filled = (performance.now() - t0) / 1000;
  const pending = await pendingReportChanges(db);
  const t1 = performance.now();
  await refreshReportRollups(db);
  const built = (performance.now() - t1) / 1000;
  await db.execute(sql`vacuum analyze`);
  const [{ n } = { n: "0" }] = (
    (await db.execute(sql`select count(*) as n from order_lines where coop_id = 'coop_b0'`)) as unknown as {
      rows: { n: string }[];
    }
  ).rows;
  console.log(
    `written in ${filled.toFixed(0)} s; rollups built from ${pending.toLocaleString()} noted changes in ${built.toFixed(1)} s; coop_b0 has ${Number(n).toLocaleString()} lines`,
  );

  const localToday = new Date(today.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  const year = resolveRange({ range: "year" }, localToday);
  const month = resolveRange({ range: "30d" }, localToday);
  const time = async (fn: () => Promise<unknown>) => {
    await fn();
    const out: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const t = performance.now();
      await fn();
      out.push(performance.now() - t);
    }
    return out;
  };
  const targets: [string, () => Promise<unknown>][] = [
    [
      "baseline: count(*) of coop_b0's lines",
      () => db.execute(sql`select count(*) from order_lines where coop_id = 'coop_b0'`),
    ],
    ["cooperative report, a year by month", () => readCoopReport(db, "coop_b0", year, today)],
    ["cooperative report, a year by day", () => readCoopReport(db, "coop_b0", { ...year, grain: "day" }, today)],
    ["cooperative report, 30 days", () => readCoopReport(db, "coop_b0", month, today)],
    ["admin overview, a year by week", () => readAdminReport(db, { ...year, grain: "week" }, today)],
    ["admin overview, 30 days", () => readAdminReport(db, { ...month, grain: "week" }, today)],
  ];
  const results: [string, number[]][] = [];
  for (const [name, fn] of targets) results.push([name, await time(fn)]);
  // With a day's changes not yet folded in (the sweep has not run since): the reports add those lines up themselves.
  await db.execute(sql`update orders set status = 'cancelled' where id in ('ord_b10', 'ord_b20', 'ord_b30')`);
  await db.execute(
    sql`insert into report_changes (order_id) select 'ord_b' || g from generate_series(${ORDERS - 2000}::int, ${ORDERS - 1}::int) g`,
  );
  results.push([
    "cooperative report, a year, 2,000 orders of today unfolded",
    await time(() => readCoopReport(db, "coop_b0", year, today)),
  ]);
  results.push([
    "admin overview, a year, same",
    await time(() => readAdminReport(db, { ...year, grain: "week" }, today)),
  ]);
  const base = percentile(results[0]![1], 95);
  console.log(
    `\nload average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}; ${ROUNDS} rounds each after a warm-up\n`,
  );
  console.log("| query | p50 ms | p95 ms | p95 ÷ count(*) p95 |");
  console.log("|---|---|---|---|");
  for (const [name, t] of results)
    console.log(
      `| ${name} | ${median(t).toFixed(1)} | ${percentile(t, 95).toFixed(1)} | ${(percentile(t, 95) / base).toFixed(2)} |`,
    );
} finally {
  await handle.close();
  // --keep leaves the database for a closer look (EXPLAIN); its name is printed.
  if (process.argv.includes("--keep")) console.log(`kept database ${db0.name}`);
  else await db0.drop();
}
