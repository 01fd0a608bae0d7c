import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { assertCoopMember } from "../auth";
import type { Viewer } from "../auth/contract";
import { now } from "../core/clock";
import { AppError } from "../core/errors";
import { getDb, rowsOf, type DbOrTx } from "../db";
import { addDays, localDate } from "../stations";
import {
  reportChannels,
  type CoopReport,
  type Figures,
  type ReportGrain,
  type ReportQuery,
  type ReportRange,
} from "./contract";
import { bucketOf, bucketsOf, resolveRange } from "./range";
import { mergedRollup, touchedDayList } from "./rollups";

export const REPORT_TIME_ZONE = "Asia/Shanghai";

/** The SQL for a bucket's first day, for a `day` column. */
export function bucketSql(grain: ReportGrain, col: SQL = sql`day`): SQL {
  if (grain === "day") return col;
  if (grain === "month") return sql`date_trunc('month', ${col})::date`;
  return sql`(${col} - (extract(isodow from ${col})::int - 1))`;
}

const dayText = (col: SQL) => sql`to_char(${col}, 'YYYY-MM-DD')`;

/**
 * A cooperative's sales report for a period: revenue, orders and units per bucket and channel, by fulfilment, the
 * totals against the period before, refunds and net, top products, days of stock left at the last 14 days' rate, and
 * its 拼团 deals' conversion. For its members and admins; anyone else's answers NOT_FOUND.
 */
export async function coopReport(viewer: Viewer | null, coopId: string, q: ReportQuery): Promise<CoopReport> {
  assertCoopMember(viewer, coopId);
  const db = await getDb();
  const at = now();
  const range = resolveRange(q, localDate(at, REPORT_TIME_ZONE));
  return readCoopReport(db, coopId, range, at);
}

export async function readCoopReport(db: DbOrTx, coopId: string, range: ReportRange, at: Date): Promise<CoopReport> {
  const [coop] = await rowsOf<{ id: string; name_zh: string; name_en: string }>(
    db.execute(sql`select id, name_zh, name_en from cooperatives where id = ${coopId}`),
  );
  if (!coop) throw new AppError("NOT_FOUND", "cooperative not found");
  const inPeriod = sql`coop_id = ${coopId} and day between ${range.from}::date and ${range.to}::date`;
  const bothPeriods = sql`coop_id = ${coopId} and day between ${range.previousFrom}::date and ${range.to}::date`;
  const today = localDate(at, REPORT_TIME_ZONE);
  const touched = await touchedDayList(db);
  const merged = (table: Parameters<typeof mergedRollup>[0], where: SQL) => mergedRollup(table, where, touched, coopId);
  const inPrevious = sql`coop_id = ${coopId} and day between ${range.previousFrom}::date and ${range.previousTo}::date`;
  const [byBucket, previousTotals, refunds, products, stock, teams] = await Promise.all([
    rowsOf<{ bucket: string; channel: string; fulfillment: string; revenue: string; orders: string; units: string }>(
      db.execute(sql`
        select ${dayText(bucketSql(range.grain))} as bucket, channel, fulfillment, sum(revenue_fen) as revenue,
          sum(orders) as orders, sum(units) as units
        from ${merged("coopDaily", inPeriod)} m group by 1, 2, 3`),
    ),
    rowsOf<{ revenue: string | null; orders: string | null; units: string | null }>(
      db.execute(sql`
        select sum(revenue_fen) as revenue, sum(orders) as orders, sum(units) as units
        from ${merged("coopDaily", inPrevious)} m`),
    ),
    rowsOf<{ current: boolean; bucket: string; refunds: string }>(
      db.execute(sql`
        select day >= ${range.from}::date as current, ${dayText(bucketSql(range.grain))} as bucket, sum(refund_fen) as refunds
        from ${merged("refundDaily", bothPeriods)} m group by 1, 2`),
    ),
    rowsOf<{ product_id: string; name_zh: string; name_en: string; revenue: string; orders: string; units: string }>(
      db.execute(sql`
        select m.product_id, p.name_zh, p.name_en, sum(m.revenue_fen) as revenue, sum(m.orders) as orders, sum(m.units) as units
        from ${merged("productDaily", inPeriod)} m join products p on p.id = m.product_id
        group by 1, 2, 3 order by 4 desc, 1 limit 10`),
    ),
    rowsOf<{ product_id: string; name_zh: string; name_en: string; stock: string; sold: string }>(
      db.execute(sql`
        select p.id as product_id, p.name_zh, p.name_en,
          coalesce((select sum(v.stock) from variants v where v.product_id = p.id and v.status = 'active'), 0) as stock,
          coalesce((select sum(m.units) from ${merged(
            "productDaily",
            sql`coop_id = ${coopId} and day between ${addDays(today, -13)}::date and ${today}::date`,
          )} m where m.product_id = p.id), 0) as sold
        from products p where p.coop_id = ${coopId} and p.status = 'published' order by p.name_zh`),
    ),
    rowsOf<{
      deal_id: string;
      name_zh: string;
      name_en: string;
      opened: string;
      completed: string;
      failed: string;
      forming: string;
    }>(
      db.execute(sql`
        select d.id as deal_id, p.name_zh, p.name_en, count(t.id) as opened,
          count(t.id) filter (where t.status = 'completed') as completed,
          count(t.id) filter (where t.status = 'failed') as failed,
          count(t.id) filter (where t.status = 'forming') as forming
        from team_deals d join variants v on v.id = d.variant_id join products p on p.id = v.product_id
        join teams t on t.deal_id = d.id
          and t.created_at >= ${`${range.from}T00:00:00+08:00`}::timestamptz
          and t.created_at < ${`${addDays(range.to, 1)}T00:00:00+08:00`}::timestamptz
        where d.coop_id = ${coopId} group by 1, 2, 3 order by 4 desc, 1`),
    ),
  ]);

  const buckets = bucketsOf(range);
  type Sums = { revenue: number; orders: number; units: number };
  const add = (m: Map<string, Sums>, k: string, r: { revenue: string; orders: string; units: string }) => {
    const c = m.get(k) ?? { revenue: 0, orders: 0, units: 0 };
    c.revenue += Number(r.revenue);
    c.orders += Number(r.orders);
    c.units += Number(r.units);
    m.set(k, c);
  };
  const cells = new Map<string, Sums>();
  const byFulfillment = new Map<string, Sums>();
  const current = new Map<string, Sums>();
  for (const r of byBucket) {
    add(cells, `${r.bucket}|${r.channel}`, r);
    add(byFulfillment, r.fulfillment, r);
    add(current, "all", r);
  }
  const series = (field: keyof Sums) =>
    reportChannels.map((channel) => ({
      key: channel,
      values: buckets.map((b) => cells.get(`${b}|${channel}`)?.[field] ?? 0),
    }));
  const figures = (cur: boolean): Figures => {
    const t = cur ? current.get("all") : previousTotals[0];
    const refundsFen = refunds.filter((r) => r.current === cur).reduce((a, r) => a + Number(r.refunds), 0);
    const revenueFen = Number(t?.revenue ?? 0);
    return {
      revenueFen,
      orders: Number(t?.orders ?? 0),
      units: Number(t?.units ?? 0),
      refundsFen,
      netFen: revenueFen - refundsFen,
    };
  };
  const revenueByChannel = { categories: buckets, series: series("revenue") };
  const ordersByChannel = { categories: buckets, series: series("orders") };
  const unitsByChannel = series("units");
  const refundsByBucket = new Map<string, number>();
  for (const r of refunds)
    if (r.current) refundsByBucket.set(r.bucket, (refundsByBucket.get(r.bucket) ?? 0) + Number(r.refunds));
  const refundOf = (b: string) => refundsByBucket.get(b) ?? 0;
  const total = (s: { values: number[] }[], i: number) => s.reduce((a, x) => a + x.values[i]!, 0);

  return {
    coop: { id: coop.id, nameZh: coop.name_zh, nameEn: coop.name_en },
    range,
    totals: figures(true),
    previous: figures(false),
    revenueByChannel,
    ordersByChannel,
    tables: {
      buckets: {
        id: "buckets",
        columns: [
          { key: "bucket", kind: "day" },
          ...reportChannels.map((c) => ({ key: `revenue_${c}`, kind: "fen" as const })),
          { key: "revenue", kind: "fen" },
          { key: "orders", kind: "int" },
          { key: "units", kind: "int" },
          { key: "refunds", kind: "fen" },
          { key: "net", kind: "fen" },
        ],
        rows: buckets.map((b, i) => [
          b,
          ...revenueByChannel.series.map((s) => s.values[i]!),
          total(revenueByChannel.series, i),
          total(ordersByChannel.series, i),
          total(unitsByChannel, i),
          refundOf(b),
          total(revenueByChannel.series, i) - refundOf(b),
        ]),
      },
      channels: {
        id: "channels",
        columns: [
          { key: "channel", kind: "text" },
          { key: "revenue", kind: "fen" },
          { key: "orders", kind: "int" },
          { key: "units", kind: "int" },
          { key: "share", kind: "percent" },
        ],
        rows: reportChannels.map((c, i) => {
          const revenue = revenueByChannel.series[i]!.values.reduce((a, v) => a + v, 0);
          const all = figures(true).revenueFen;
          return [
            c,
            revenue,
            ordersByChannel.series[i]!.values.reduce((a, v) => a + v, 0),
            unitsByChannel[i]!.values.reduce((a, v) => a + v, 0),
            all ? revenue / all : null,
          ];
        }),
      },
      fulfillment: {
        id: "fulfillment",
        columns: [
          { key: "fulfillment", kind: "text" },
          { key: "revenue", kind: "fen" },
          { key: "orders", kind: "int" },
          { key: "units", kind: "int" },
        ],
        rows: ["pickup", "delivery"].map((f) => {
          const r = byFulfillment.get(f);
          return [f, r?.revenue ?? 0, r?.orders ?? 0, r?.units ?? 0];
        }),
      },
      products: {
        id: "products",
        columns: [
          { key: "product_zh", kind: "text" },
          { key: "product_en", kind: "text" },
          { key: "revenue", kind: "fen" },
          { key: "orders", kind: "int" },
          { key: "units", kind: "int" },
        ],
        rows: products.map((p) => [p.name_zh, p.name_en, Number(p.revenue), Number(p.orders), Number(p.units)]),
      },
      stock: {
        id: "stock",
        columns: [
          { key: "product_zh", kind: "text" },
          { key: "product_en", kind: "text" },
          { key: "stock", kind: "int" },
          { key: "sold14", kind: "int" },
          { key: "daysLeft", kind: "days" },
        ],
        rows: stock.map((p) => {
          const sold = Number(p.sold);
          return [
            p.name_zh,
            p.name_en,
            Number(p.stock),
            sold,
            sold > 0 ? Math.floor((Number(p.stock) * 14) / sold) : null,
          ];
        }),
      },
      teams: {
        id: "teams",
        columns: [
          { key: "product_zh", kind: "text" },
          { key: "product_en", kind: "text" },
          { key: "opened", kind: "int" },
          { key: "completed", kind: "int" },
          { key: "failed", kind: "int" },
          { key: "forming", kind: "int" },
          { key: "conversion", kind: "percent" },
        ],
        rows: teams.map((d) => {
          const ended = Number(d.completed) + Number(d.failed);
          return [
            d.name_zh,
            d.name_en,
            Number(d.opened),
            Number(d.completed),
            Number(d.failed),
            Number(d.forming),
            ended ? Number(d.completed) / ended : null,
          ];
        }),
      },
    },
    asOf: at,
  };
}

export { bucketOf };
