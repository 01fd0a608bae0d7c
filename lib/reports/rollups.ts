import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { rowsOf, schema as s, type Db, type DbOrTx } from "../db";
import { addDays } from "../stations";

/**
 * The report rollups (lib/db/schema/reports.ts) and how a report reads them. Changes are noted by triggers in
 * `report_changes`; the sweep folds them in per day: every rollup row of a touched day is rebuilt from the order
 * lines. A report reads the rollups for the days nothing touched since, and adds up the lines itself for the days
 * still noted — so it is exact at the moment it is read, without writing anything.
 *
 * Sales are counted on the Asia/Shanghai day the order was placed, once it is paid (an unpaid online order is not a
 * sale yet) and, for 拼团, once its team has formed; without cancelled lines. Refunds of a line count on the day they
 * were asked for.
 */

const ZONE = "Asia/Shanghai";
const localDay = (col: SQL) => sql`((${col}) at time zone ${ZONE})::date`;
const weekOf = (day: SQL) => sql`((${day}) - (extract(isodow from (${day}))::int - 1))`;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The days touched by the changes noted (up to change `upTo`): the placing day of changed orders, the day of refunds. */
function touchedDays(upTo?: number): SQL {
  const bound = upTo === undefined ? sql`true` : sql`c.id <= ${upTo}`;
  return sql`(
    select ${localDay(sql`o.placed_at`)} as day from report_changes c join orders o on o.id = c.order_id
      where c.refund_id is null and ${bound}
    union
    select ${localDay(sql`r.created_at`)} from report_changes c join refunds r on r.id = c.refund_id where ${bound}
  )`;
}

async function dayList(db: DbOrTx, upTo?: number): Promise<string[]> {
  const rows = await rowsOf<{ day: string }>(
    db.execute(sql`select to_char(day, 'YYYY-MM-DD') as day from ${touchedDays(upTo)} t order by 1`),
  );
  return rows.map((r) => r.day).filter((d) => DAY.test(d));
}

/** The days noted as changed since the rollups were rebuilt: a report adds up the lines itself for these. */
export const touchedDayList = (db: DbOrTx) => dayList(db);

/** Days as one SQL array parameter (drizzle spreads a JS array into one parameter per element). */
const dateArray = (days: readonly string[]) => sql`${`{${days.filter((d) => DAY.test(d)).join(",")}}`}::date[]`;

/**
 * `col` (an instant) within any of the (Shanghai) days: one range per run of consecutive days, with constant bounds,
 * so the planner reads the index for a few days' rows rather than guessing.
 */
function withinDays(col: SQL, days: readonly string[]): SQL {
  const sorted = [...new Set(days)].sort();
  const runs: [string, string][] = [];
  for (const d of sorted) {
    const last = runs.at(-1);
    if (last && last[1] === d) last[1] = addDays(d, 1);
    else runs.push([d, addDays(d, 1)]);
  }
  if (!runs.length) return sql`false`;
  const start = (day: string) => sql`${`${day}T00:00:00+08:00`}::timestamptz`;
  return sql`(${sql.join(
    runs.map(([a, b]) => sql`(${col} >= ${start(a)} and ${col} < ${start(b)})`),
    sql` or `,
  )})`;
}

/** The days of the weeks that `days` fall in (a week's active buyers are counted over all of its days). */
function weeksDays(days: readonly string[]): string[] {
  const out = new Set<string>();
  for (const d of days) {
    const monday = addDays(d, -((new Date(`${d}T00:00:00Z`).getUTCDay() + 6) % 7));
    for (let i = 0; i < 7; i++) out.add(addDays(monday, i));
  }
  return [...out];
}

/**
 * An order that counts as a sale: placed and paid for (or to be paid at pickup or the door), not cancelled, and not a
 * 拼团 order whose team is still forming (it may yet fail; it counts once its team completes and confirms it).
 */
export const countsAsSale = (o: SQL = sql`o`) =>
  sql`${o}.status not in ('awaiting_payment', 'cancelled') and not (${o}.channel = 'team' and ${o}.status = 'placed')`;

/** The orders of some days that count as sales, with their lines that count (of one cooperative, if given). */
const salesOf = (days: readonly string[], coopId?: string) => sql`
  select ${localDay(sql`o.placed_at`)} as day, o.id as order_id, o.buyer_id, o.channel, o.fulfillment,
    coalesce(o.station_id, '') as station_id, l.coop_id, l.product_id, l.streamer_id, l.quantity, l.line_total_fen
  from orders o
  join order_lines l on l.order_id = o.id and l.status <> 'cancelled'${coopId === undefined ? sql`` : sql` and l.coop_id = ${coopId}`}
  where ${withinDays(sql`o.placed_at`, days)} and ${countsAsSale()}`;

/** Each rollup as the order lines of `days` give it (for one cooperative, if given), in the rollup's columns. */
export const rawRollups = {
  coopDaily: (days: readonly string[], coopId?: string) => sql`
    select coop_id, day, channel, fulfillment, count(distinct order_id)::int as orders,
      sum(quantity)::int as units, sum(line_total_fen)::bigint as revenue_fen
    from (${salesOf(days, coopId)}) s group by coop_id, day, channel, fulfillment`,
  productDaily: (days: readonly string[], coopId?: string) => sql`
    select coop_id, day, product_id, count(distinct order_id)::int as orders, sum(quantity)::int as units,
      sum(line_total_fen)::bigint as revenue_fen
    from (${salesOf(days, coopId)}) s group by coop_id, day, product_id`,
  streamerDaily: (days: readonly string[], coopId?: string) => sql`
    select streamer_id, day, coop_id, count(distinct order_id)::int as orders, sum(quantity)::int as units,
      sum(line_total_fen)::bigint as revenue_fen
    from (${salesOf(days, coopId)}) s where streamer_id is not null group by streamer_id, day, coop_id`,
  platformDaily: (days: readonly string[]) => sql`
    select day, channel, fulfillment, station_id, count(distinct order_id)::int as orders, sum(quantity)::int as units,
      sum(line_total_fen)::bigint as revenue_fen
    from (${salesOf(days)}) s group by day, channel, fulfillment, station_id`,
  coopDay: (days: readonly string[], coopId?: string) => sql`
    select day, coop_id, count(distinct order_id)::int as orders, sum(quantity)::int as units,
      sum(line_total_fen)::bigint as revenue_fen
    from (${salesOf(days, coopId)}) s group by day, coop_id`,
  platformDay: (days: readonly string[]) => sql`
    select day, count(distinct order_id)::int as orders, sum(quantity)::int as units,
      sum(line_total_fen)::bigint as revenue_fen
    from (${salesOf(days)}) s group by day`,
  refundDaily: (days: readonly string[], coopId?: string) => sql`
    select l.coop_id, ${localDay(sql`r.created_at`)} as day, l.product_id, count(*)::int as refunds,
      sum(r.amount_fen)::bigint as refund_fen
    from refunds r
    join order_lines l on l.id = r.order_line_id${coopId === undefined ? sql`` : sql` and l.coop_id = ${coopId}`}
    where ${withinDays(sql`r.created_at`, days)}
    group by 1, 2, 3`,
  /**
   * Active buyers of the weeks `days` fall in: for the whole shop, per cooperative, per station and per streamer (only
   * the cooperative's, when one is given: the other counts would be of its buyers alone, and are filtered out).
   */
  buyerWeek: (days: readonly string[], coopId?: string) => sql`
    select week, dim, key, buyers from (
      select ${weekOf(sql`s.day`)} as week,
        case when grouping(s.coop_id) = 0 then 'coop' when grouping(s.station_id) = 0 then 'station'
          when grouping(s.streamer_id) = 0 then 'streamer' else 'all' end as dim,
        coalesce(s.coop_id, s.station_id, s.streamer_id, '') as key, count(distinct s.buyer_id)::int as buyers
      from (${salesOf(weeksDays(days), coopId)}) s
      group by grouping sets ((${weekOf(sql`s.day`)}, s.coop_id), (${weekOf(sql`s.day`)}, s.station_id),
        (${weekOf(sql`s.day`)}, s.streamer_id), (${weekOf(sql`s.day`)}))
    ) g where not (dim = 'streamer' and key = '')`,
};

const CHUNK = 20_000;

/**
 * Folds the noted changes into the rollups, a chunk at a time, each chunk in one transaction: the days it touches
 * are rebuilt from the lines (every rollup row of those days deleted and written again), then its notes go. Safe
 * to run on several instances at once (a transaction-scoped advisory lock lets one fold at a time). Returns how many
 * notes were folded.
 */
export async function refreshReportRollups(db: Db): Promise<number> {
  let folded = 0;
  for (;;) {
    const n = await db.transaction(async (tx) => {
      const [lock] = await rowsOf<{ ok: boolean }>(tx.execute(sql`select pg_try_advisory_xact_lock(7274817) as ok`));
      if (!lock?.ok) return 0;
      const [range] = await rowsOf<{ upto: string | null; n: string }>(
        tx.execute(
          sql`select max(id) as upto, count(*) as n from (select id from report_changes order by id limit ${CHUNK}) c`,
        ),
      );
      if (!range?.upto) return 0;
      const upTo = Number(range.upto);
      const days = await dayList(tx, upTo);
      const weeks = sql`array(select distinct ${weekOf(sql`d`)} from unnest(${dateArray(days)}) d)`;
      const thoseDays = sql`day = any(${dateArray(days)})`;
      await tx.execute(sql`delete from report_coop_daily where ${thoseDays}`);
      await tx.execute(sql`delete from report_product_daily where ${thoseDays}`);
      await tx.execute(sql`delete from report_streamer_daily where ${thoseDays}`);
      await tx.execute(sql`delete from report_platform_daily where ${thoseDays}`);
      await tx.execute(sql`delete from report_coop_day where ${thoseDays}`);
      await tx.execute(sql`delete from report_platform_day where ${thoseDays}`);
      await tx.execute(sql`delete from report_refund_daily where ${thoseDays}`);
      await tx.execute(sql`delete from report_buyer_week where week = any(${weeks})`);
      if (days.length) {
        await tx.execute(
          sql`insert into report_coop_daily (coop_id, day, channel, fulfillment, orders, units, revenue_fen) ${rawRollups.coopDaily(days)}`,
        );
        await tx.execute(
          sql`insert into report_product_daily (coop_id, day, product_id, orders, units, revenue_fen) ${rawRollups.productDaily(days)}`,
        );
        await tx.execute(
          sql`insert into report_streamer_daily (streamer_id, day, coop_id, orders, units, revenue_fen) ${rawRollups.streamerDaily(days)}`,
        );
        await tx.execute(
          sql`insert into report_platform_daily (day, channel, fulfillment, station_id, orders, units, revenue_fen) ${rawRollups.platformDaily(days)}`,
        );
        await tx.execute(
          sql`insert into report_coop_day (day, coop_id, orders, units, revenue_fen) ${rawRollups.coopDay(days)}`,
        );
        await tx.execute(
          sql`insert into report_platform_day (day, orders, units, revenue_fen) ${rawRollups.platformDay(days)}`,
        );
        await tx.execute(
          sql`insert into report_refund_daily (coop_id, day, product_id, refunds, refund_fen) ${rawRollups.refundDaily(days)}`,
        );
        await tx.execute(sql`insert into report_buyer_week (week, dim, key, buyers) ${rawRollups.buyerWeek(days)}`);
      }
      await tx.execute(sql`delete from report_changes where id <= ${upTo}`);
      return Number(range.n);
    });
    folded += n;
    if (n < CHUNK) return folded;
  }
}

/**
 * A rollup as a report reads it: its rows for the days no change is noted for (`touched`, read once per report with
 * `touchedDayList`), and for the touched days what the lines give now — only the cooperative's, when the report is
 * one cooperative's. `where` filters both sides (a cooperative, a range of days).
 */
export function mergedRollup(
  table: keyof typeof rawRollups,
  where: SQL,
  touched: readonly string[],
  coopId?: string,
): SQL {
  const tables = {
    coopDaily: s.reportCoopDaily,
    productDaily: s.reportProductDaily,
    streamerDaily: s.reportStreamerDaily,
    platformDaily: s.reportPlatformDaily,
    coopDay: s.reportCoopDay,
    platformDay: s.reportPlatformDay,
    refundDaily: s.reportRefundDaily,
    buyerWeek: s.reportBuyerWeek,
  };
  if (!touched.length) return sql`(select * from ${tables[table]} r where ${where})`;
  const kept =
    table === "buyerWeek"
      ? sql`week <> all(array(select distinct ${weekOf(sql`d`)} from unnest(${dateArray(touched)}) d))`
      : sql`day <> all(${dateArray(touched)})`;
  const raw =
    table === "platformDaily" || table === "platformDay"
      ? rawRollups[table](touched)
      : rawRollups[table](touched, coopId);
  return sql`(
    select * from ${tables[table]} r where ${where} and ${kept}
    union all
    select * from (${raw}) x where ${where}
  )`;
}

/** How many changes wait to be folded in (health, tests). */
export async function pendingReportChanges(db: DbOrTx): Promise<number> {
  const [row] = await rowsOf<{ n: string }>(db.execute(sql`select count(*) as n from report_changes`));
  return Number(row?.n ?? 0);
}
