import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { assertAdmin } from "../auth";
import type { Viewer } from "../auth/contract";
import { now } from "../core/clock";
import { getDb, rowsOf, type DbOrTx } from "../db";
import { localDate } from "../stations";
import type { AdminReport, ReportQuery, ReportRange } from "./contract";
import { REPORT_TIME_ZONE, bucketSql } from "./coop-report";
import { bucketsOf, resolveRange } from "./range";
import { mergedRollup, touchedDayList } from "./rollups";

/**
 * The whole shop for a period, by week (or the grain asked): GMV (line totals of the orders that count as sales),
 * orders (each once, however many cooperatives it spans) and active buyers (who bought at least once in a week; for a
 * period, the average of its weeks), then by cooperative, station and streamer. Admins only.
 */
export async function adminReport(viewer: Viewer | null, q: ReportQuery): Promise<AdminReport> {
  assertAdmin(viewer);
  const db = await getDb();
  const at = now();
  const range = resolveRange(
    { ...q, grain: q.grain ?? (q.range === "7d" || q.range === "30d" ? "week" : undefined) },
    localDate(at, REPORT_TIME_ZONE),
  );
  return readAdminReport(db, range, at);
}

export async function readAdminReport(db: DbOrTx, range: ReportRange, at: Date): Promise<AdminReport> {
  const touched = await touchedDayList(db);
  const merged = (table: Parameters<typeof mergedRollup>[0], where: SQL) => mergedRollup(table, where, touched);
  const both = sql`day between ${range.previousFrom}::date and ${range.to}::date`;
  const inPeriod = sql`day between ${range.from}::date and ${range.to}::date`;
  // The weeks (Mondays) of the period and of the one before: active buyers are counted a week at a time.
  const weeksOf = (from: string, to: string) =>
    sql`week between (${from}::date - (extract(isodow from ${from}::date)::int - 1)) and ${to}::date`;
  const [buckets, totals, buyers, buyersTotal, coops, stations, streamers] = await Promise.all([
    rowsOf<{ bucket: string; revenue: string; orders: string }>(
      db.execute(sql`
        select to_char(${bucketSql(range.grain)}, 'YYYY-MM-DD') as bucket, sum(revenue_fen) as revenue, sum(orders) as orders
        from ${merged("platformDay", inPeriod)} m group by 1`),
    ),
    rowsOf<{ current: boolean; revenue: string; orders: string }>(
      db.execute(sql`
        select day >= ${range.from}::date as current, sum(revenue_fen) as revenue, sum(orders) as orders
        from ${merged("platformDay", both)} m group by 1`),
    ),
    rowsOf<{ week: string; buyers: number }>(
      db.execute(sql`
        select to_char(week, 'YYYY-MM-DD') as week, buyers
        from ${merged("buyerWeek", sql`dim = 'all' and ${weeksOf(range.from, range.to)}`)} m`),
    ),
    rowsOf<{ current: boolean; buyers: string }>(
      db.execute(sql`
        select week >= (${range.from}::date - (extract(isodow from ${range.from}::date)::int - 1)) as current,
          sum(buyers) as buyers
        from ${merged("buyerWeek", sql`dim = 'all' and ${weeksOf(range.previousFrom, range.to)}`)} m group by 1`),
    ),
    rowsOf<{ id: string; name_zh: string; name_en: string; revenue: string; orders: string; buyers: string }>(
      db.execute(sql`
        select c.id, c.name_zh, c.name_en, coalesce(s.revenue, 0) as revenue, coalesce(s.orders, 0) as orders,
          coalesce(b.buyers, 0) as buyers
        from cooperatives c
        left join (select coop_id, sum(revenue_fen) as revenue, sum(orders) as orders
          from ${merged("coopDay", inPeriod)} m group by 1) s on s.coop_id = c.id
        left join (select key, sum(buyers) as buyers
          from ${merged("buyerWeek", sql`dim = 'coop' and ${weeksOf(range.from, range.to)}`)} m group by 1) b on b.key = c.id
        where c.status = 'approved' or s.revenue is not null
        order by 4 desc, c.name_zh`),
    ),
    rowsOf<{ id: string; name_zh: string; name_en: string; revenue: string; orders: string; buyers: string | null }>(
      db.execute(sql`
        select coalesce(st.id, '') as id, coalesce(st.name_zh, '送货上门') as name_zh, coalesce(st.name_en, 'Home delivery') as name_en,
          s.revenue, s.orders, b.buyers
        from (select station_id, sum(revenue_fen) as revenue, sum(orders) as orders
          from ${merged("platformDaily", inPeriod)} m group by 1) s
        left join stations st on st.id = s.station_id
        left join (select key, sum(buyers) as buyers
          from ${merged("buyerWeek", sql`dim = 'station' and ${weeksOf(range.from, range.to)}`)} m group by 1) b on b.key = s.station_id
        order by 4 desc, 2`),
    ),
    rowsOf<{ id: string; name: string; revenue: string; orders: string; buyers: string | null }>(
      db.execute(sql`
        select s.streamer_id as id, coalesce(p.display_name, u.name) as name, s.revenue, s.orders, b.buyers
        from (select streamer_id, sum(revenue_fen) as revenue, sum(orders) as orders
          from ${merged("streamerDaily", inPeriod)} m group by 1) s
        join users u on u.id = s.streamer_id left join streamer_profiles p on p.user_id = s.streamer_id
        left join (select key, sum(buyers) as buyers
          from ${merged("buyerWeek", sql`dim = 'streamer' and ${weeksOf(range.from, range.to)}`)} m group by 1) b on b.key = s.streamer_id
        order by 3 desc, 2`),
    ),
  ]);
  const categories = bucketsOf(range);
  const byBucket = new Map(buckets.map((r) => [r.bucket, r]));
  const weekly = new Map(buyers.map((r) => [r.week, Number(r.buyers)]));
  const figure = (cur: boolean) => totals.find((t) => t.current === cur);
  const averageBuyers = (cur: boolean) =>
    tenths(
      buyersTotal.find((b) => b.current === cur)?.buyers ?? 0,
      cur ? weeksIn(range.from, range.to) : weeksIn(range.previousFrom, range.previousTo),
    );
  // Active buyers are weekly: a week's count shows on its Monday (a month shows the average of its weeks).
  const buyersIn = (b: string): number | null => {
    if (range.grain === "day") return null;
    if (range.grain === "week") return weekly.get(b) ?? 0;
    const weeks = [...weekly.entries()].filter(([w]) => w.slice(0, 7) === b.slice(0, 7)).map(([, n]) => n);
    return weeks.length ? Math.round((weeks.reduce((a, n) => a + n, 0) / weeks.length) * 10) / 10 : 0;
  };
  const of = (b: string, f: "revenue" | "orders") => Number(byBucket.get(b)?.[f] ?? 0);
  // Weekly active buyers over a period: the weeks' counts added up over every week the period touches (a week without
  // a sale counts as 0), to a tenth.
  const weeksIn = (from: string, to: string) => bucketsOf({ from, to, grain: "week" }).length;
  const tenths = (sum: string | number | null, weeks = weeksIn(range.from, range.to)) =>
    Math.round((Number(sum ?? 0) / weeks) * 10) / 10;
  return {
    range,
    totals: {
      revenueFen: Number(figure(true)?.revenue ?? 0),
      orders: Number(figure(true)?.orders ?? 0),
      activeBuyers: averageBuyers(true),
    },
    previous: {
      revenueFen: Number(figure(false)?.revenue ?? 0),
      orders: Number(figure(false)?.orders ?? 0),
      activeBuyers: averageBuyers(false),
    },
    weekly: {
      categories,
      series: [
        { key: "revenue", values: categories.map((b) => of(b, "revenue")) },
        { key: "orders", values: categories.map((b) => of(b, "orders")) },
      ],
    },
    tables: {
      weeks: {
        id: "weeks",
        columns: [
          { key: "bucket", kind: "day" },
          { key: "revenue", kind: "fen" },
          { key: "orders", kind: "int" },
          { key: "activeBuyers", kind: "int" },
        ],
        rows: categories.map((b) => [b, of(b, "revenue"), of(b, "orders"), buyersIn(b)]),
      },
      coops: {
        id: "coops",
        columns: [
          { key: "coop_zh", kind: "text" },
          { key: "coop_en", kind: "text" },
          { key: "revenue", kind: "fen" },
          { key: "orders", kind: "int" },
          { key: "activeBuyers", kind: "int" },
        ],
        rows: coops.map((c) => [c.name_zh, c.name_en, Number(c.revenue), Number(c.orders), tenths(c.buyers)]),
      },
      stations: {
        id: "stations",
        columns: [
          { key: "station_zh", kind: "text" },
          { key: "station_en", kind: "text" },
          { key: "revenue", kind: "fen" },
          { key: "orders", kind: "int" },
          { key: "activeBuyers", kind: "int" },
        ],
        rows: stations.map((s) => [s.name_zh, s.name_en, Number(s.revenue), Number(s.orders), tenths(s.buyers)]),
      },
      streamers: {
        id: "streamers",
        columns: [
          { key: "streamer", kind: "text" },
          { key: "revenue", kind: "fen" },
          { key: "orders", kind: "int" },
          { key: "activeBuyers", kind: "int" },
        ],
        rows: streamers.map((s) => [s.name, Number(s.revenue), Number(s.orders), tenths(s.buyers)]),
      },
    },
    asOf: at,
  };
}
