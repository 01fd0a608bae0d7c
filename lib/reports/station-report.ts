import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { assertStationManager } from "../auth";
import type { Viewer } from "../auth/contract";
import { now } from "../core/clock";
import { AppError } from "../core/errors";
import { getDb, rowsOf, type DbOrTx } from "../db";
import { addDays, localDate } from "../stations";
import type { ReportQuery, ReportRange, StationReport } from "./contract";
import { REPORT_TIME_ZONE, bucketSql } from "./coop-report";
import { bucketsOf, resolveRange } from "./range";

const start = (day: string) => `${day}T00:00:00+08:00`;

/**
 * A station's figures for a period: orders handed over per bucket (by the day they were), the time from ready to
 * pickup (median, in minutes), how many were never collected (cancelled by the uncollected sweep) against how many
 * were, and the cash taken at the counter (from the ledger). For its managers and admins.
 */
export async function stationReport(viewer: Viewer | null, stationId: string, q: ReportQuery): Promise<StationReport> {
  assertStationManager(viewer, stationId);
  const db = await getDb();
  const at = now();
  return readStationReport(db, stationId, resolveRange(q, localDate(at, REPORT_TIME_ZONE)), at);
}

export async function readStationReport(
  db: DbOrTx,
  stationId: string,
  range: ReportRange,
  at: Date,
): Promise<StationReport> {
  const [station] = await rowsOf<{ id: string; name_zh: string; name_en: string }>(
    db.execute(sql`select id, name_zh, name_en from stations where id = ${stationId}`),
  );
  if (!station) throw new AppError("NOT_FOUND", "station not found");
  const previous = start(range.previousFrom);
  const current = start(range.from);
  const to = start(addDays(range.to, 1));
  const localDay = (col: SQL) => sql`((${col}) at time zone ${REPORT_TIME_ZONE})::date`;
  const handedOver = sql`station_id = ${stationId} and status = 'completed' and fulfillment = 'pickup'`;
  const neverCollected = sql`station_id = ${stationId} and status = 'cancelled' and cancel_reason = 'uncollected'`;
  const cashAt = sql`e.account_id = ${`station_cash:${stationId}`} and j.kind = 'cash'`;
  const [handed, uncollected, cash, totals] = await Promise.all([
    rowsOf<{ day: string; n: string; median: string | null }>(
      db.execute(sql`
        select to_char(${bucketSql(range.grain, localDay(sql`completed_at`))}, 'YYYY-MM-DD') as day, count(*) as n,
          percentile_cont(0.5) within group (order by extract(epoch from completed_at - ready_at) / 60) as median
        from orders where ${handedOver} and completed_at >= ${current}::timestamptz and completed_at < ${to}::timestamptz
        group by 1`),
    ),
    rowsOf<{ day: string; n: string }>(
      db.execute(sql`
        select to_char(${bucketSql(range.grain, localDay(sql`cancelled_at`))}, 'YYYY-MM-DD') as day, count(*) as n
        from orders where ${neverCollected} and cancelled_at >= ${current}::timestamptz and cancelled_at < ${to}::timestamptz
        group by 1`),
    ),
    rowsOf<{ day: string; n: string }>(
      db.execute(sql`
        select to_char(${bucketSql(range.grain, localDay(sql`e.posted_at`))}, 'YYYY-MM-DD') as day, sum(e.amount_fen) as n
        from ledger_entries e join ledger_journals j on j.id = e.journal_id
        where ${cashAt} and e.posted_at >= ${current}::timestamptz and e.posted_at < ${to}::timestamptz
        group by 1`),
    ),
    rowsOf<{ what: string; current: boolean; n: string; median: string | null }>(
      db.execute(sql`
        select 'handed' as what, completed_at >= ${current}::timestamptz as current, count(*) as n,
          percentile_cont(0.5) within group (order by extract(epoch from completed_at - ready_at) / 60) as median
        from orders where ${handedOver} and completed_at >= ${previous}::timestamptz and completed_at < ${to}::timestamptz
        group by 1, 2
        union all
        select 'uncollected', cancelled_at >= ${current}::timestamptz, count(*), null
        from orders where ${neverCollected} and cancelled_at >= ${previous}::timestamptz and cancelled_at < ${to}::timestamptz
        group by 1, 2
        union all
        select 'cash', e.posted_at >= ${current}::timestamptz, sum(e.amount_fen), null
        from ledger_entries e join ledger_journals j on j.id = e.journal_id
        where ${cashAt} and e.posted_at >= ${previous}::timestamptz and e.posted_at < ${to}::timestamptz
        group by 1, 2`),
    ),
  ]);
  const total = (what: string, cur: boolean) => totals.find((t) => t.what === what && t.current === cur);
  const n = (what: string, cur: boolean) => Number(total(what, cur)?.n ?? 0);
  const buckets = bucketsOf(range);
  const of = (rows: { day: string; n: string }[], b: string) => Number(rows.find((r) => r.day === b)?.n ?? 0);
  const median = total("handed", true)?.median;
  return {
    station: { id: station.id, nameZh: station.name_zh, nameEn: station.name_en },
    range,
    totals: {
      handedOver: n("handed", true),
      uncollected: n("uncollected", true),
      uncollectedRate:
        n("handed", true) + n("uncollected", true)
          ? n("uncollected", true) / (n("handed", true) + n("uncollected", true))
          : null,
      cashFen: n("cash", true),
      medianWaitMinutes: median == null ? null : Math.round(Number(median)),
    },
    previous: { handedOver: n("handed", false), uncollected: n("uncollected", false), cashFen: n("cash", false) },
    handedOverByDay: {
      categories: buckets,
      series: [
        { key: "handedOver", values: buckets.map((b) => of(handed, b)) },
        { key: "uncollected", values: buckets.map((b) => of(uncollected, b)) },
      ],
    },
    tables: {
      days: {
        id: "days",
        columns: [
          { key: "bucket", kind: "day" },
          { key: "handedOver", kind: "int" },
          { key: "uncollected", kind: "int" },
          { key: "medianWait", kind: "minutes" },
          { key: "cash", kind: "fen" },
        ],
        rows: buckets.map((b) => {
          const h = handed.find((r) => r.day === b);
          return [
            b,
            Number(h?.n ?? 0),
            of(uncollected, b),
            h?.median == null ? null : Math.round(Number(h.median)),
            of(cash, b),
          ];
        }),
      },
    },
    asOf: at,
  };
}
