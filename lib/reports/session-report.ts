import "server-only";
import { sql } from "drizzle-orm";
import { assertViewer } from "../auth";
import type { Viewer } from "../auth/contract";
import { now } from "../core/clock";
import { AppError } from "../core/errors";
import { getDb, rowsOf, type DbOrTx } from "../db";
import type { SessionReport } from "./contract";
import { countsAsSale } from "./rollups";

/** Orders of a live session that count as sales: paid (or to pay at pickup), not cancelled; their live lines. */
const salesOfSession = (sessionId: string) => sql`
  select o.id as order_id, o.buyer_id, o.placed_at, o.drop_id, l.product_id, l.quantity, l.line_total_fen
  from orders o join order_lines l on l.order_id = o.id and l.status <> 'cancelled'
  where o.live_session_id = ${sessionId} and ${countsAsSale()}`;

/**
 * How a broadcast did: viewers over time (the `viewers` events the presence reporter writes whenever the count
 * changes), peak and time-weighted average, each pin with the orders of its product placed while it was pinned, each
 * drop with its time to sell out, and the session's orders, units, GMV, buyers and viewers→buyers conversion (buyers ÷
 * peak viewers). For the streamer, the cooperatives featured in it and admins; anyone else's answers NOT_FOUND.
 */
export async function sessionReport(viewer: Viewer | null, sessionId: string): Promise<SessionReport> {
  assertViewer(viewer);
  const db = await getDb();
  const [session] = await rowsOf<{ streamer_id: string }>(
    db.execute(sql`select streamer_id from live_sessions where id = ${sessionId}`),
  );
  const featured = session
    ? await rowsOf<{ coop_id: string }>(
        db.execute(sql`select coop_id from live_session_coops where session_id = ${sessionId}`),
      )
    : [];
  const allowed =
    session &&
    (viewer.caps.admin ||
      session.streamer_id === viewer.userId ||
      featured.some((f) => viewer.caps.coopIds.includes(f.coop_id)));
  if (!allowed) throw new AppError("NOT_FOUND", "session not found");
  return readSessionReport(db, sessionId, now());
}

export async function readSessionReport(db: DbOrTx, sessionId: string, at: Date): Promise<SessionReport> {
  const [s] = await rowsOf<{
    id: string;
    title: string;
    status: string;
    started_at: Date | string | null;
    ended_at: Date | string | null;
    streamer: string;
  }>(
    db.execute(sql`
      select ls.id, ls.title, ls.status, ls.started_at, ls.ended_at, coalesce(p.display_name, u.name) as streamer
      from live_sessions ls join users u on u.id = ls.streamer_id left join streamer_profiles p on p.user_id = ls.streamer_id
      where ls.id = ${sessionId}`),
  );
  if (!s) throw new AppError("NOT_FOUND", "session not found");
  const [samples, pins, drops, totals] = await Promise.all([
    rowsOf<{ at: Date; viewers: number }>(
      db.execute(sql`
        select created_at as at, (payload->>'viewers')::int as viewers from live_events
        where session_id = ${sessionId} and type = 'viewers' order by id`),
    ),
    rowsOf<{
      id: string;
      name_zh: string;
      name_en: string;
      pinned_at: Date;
      unpinned_at: Date | null;
      orders: string;
      units: string;
      revenue: string;
    }>(
      db.execute(sql`
        select p.id, pr.name_zh, pr.name_en, p.pinned_at, p.unpinned_at,
          count(distinct s.order_id) as orders, coalesce(sum(s.quantity), 0) as units, coalesce(sum(s.line_total_fen), 0) as revenue
        from live_pins p join products pr on pr.id = p.product_id
        left join (${salesOfSession(sessionId)}) s on s.product_id = p.product_id and s.placed_at >= p.pinned_at
          and s.placed_at < coalesce(p.unpinned_at, ${(s.ended_at ? new Date(s.ended_at) : at).toISOString()}::timestamptz)
        where p.session_id = ${sessionId}
        group by 1, 2, 3, 4, 5 order by 4`),
    ),
    rowsOf<{
      id: string;
      name_zh: string;
      name_en: string;
      opens_at: Date;
      quantity_cap: number;
      sold: number;
      price_fen: number;
      orders: string;
      units: string;
      revenue: string;
      last_at: Date | null;
    }>(
      db.execute(sql`
        select d.id, pr.name_zh, pr.name_en, d.opens_at, d.quantity_cap, d.sold, d.price_fen,
          count(distinct s.order_id) as orders, coalesce(sum(s.quantity), 0) as units, coalesce(sum(s.line_total_fen), 0) as revenue,
          max(s.placed_at) as last_at
        from live_drops d join products pr on pr.id = d.product_id
        left join (${salesOfSession(sessionId)}) s on s.drop_id = d.id
        where d.session_id = ${sessionId}
        group by 1, 2, 3, 4, 5, 6, 7 order by 4`),
    ),
    rowsOf<{ orders: string; units: string; revenue: string; buyers: string }>(
      db.execute(sql`
        select count(distinct order_id) as orders, coalesce(sum(quantity), 0) as units,
          coalesce(sum(line_total_fen), 0) as revenue, count(distinct buyer_id) as buyers
        from (${salesOfSession(sessionId)}) s`),
    ),
  ]);
  // Raw rows give timestamps as Date or as text, by driver: read them as instants either way.
  const startedAt = s.started_at ? new Date(s.started_at) : null;
  const endedAt = s.ended_at ? new Date(s.ended_at) : null;
  const end = endedAt ?? at;
  const peak = samples.reduce((a, x) => Math.max(a, x.viewers), 0);
  const average = timeWeightedAverage(samples, startedAt, end);
  const t = totals[0];
  const buyers = Number(t?.buyers ?? 0);
  return {
    session: {
      id: s.id,
      title: s.title,
      streamerName: s.streamer,
      status: s.status,
      startedAt,
      endedAt,
    },
    totals: {
      peakViewers: peak,
      averageViewers: average,
      orders: Number(t?.orders ?? 0),
      units: Number(t?.units ?? 0),
      revenueFen: Number(t?.revenue ?? 0),
      buyers,
      conversion: peak ? buyers / peak : null,
    },
    viewers: {
      categories: samples.map((x) => new Date(x.at).toISOString()),
      series: [{ key: "viewers", values: samples.map((x) => x.viewers) }],
    },
    tables: {
      pins: {
        id: "pins",
        columns: [
          { key: "product_zh", kind: "text" },
          { key: "product_en", kind: "text" },
          { key: "pinnedAt", kind: "instant" },
          { key: "minutes", kind: "minutes" },
          { key: "orders", kind: "int" },
          { key: "units", kind: "int" },
          { key: "revenue", kind: "fen" },
        ],
        rows: pins.map((p) => [
          p.name_zh,
          p.name_en,
          new Date(p.pinned_at).toISOString(),
          Math.round(
            ((p.unpinned_at ? new Date(p.unpinned_at) : end).getTime() - new Date(p.pinned_at).getTime()) / 60_000,
          ),
          Number(p.orders),
          Number(p.units),
          Number(p.revenue),
        ]),
      },
      drops: {
        id: "drops",
        columns: [
          { key: "product_zh", kind: "text" },
          { key: "product_en", kind: "text" },
          { key: "openedAt", kind: "instant" },
          { key: "price", kind: "fen" },
          { key: "cap", kind: "int" },
          { key: "sellOutSeconds", kind: "int" },
          { key: "orders", kind: "int" },
          { key: "units", kind: "int" },
          { key: "revenue", kind: "fen" },
        ],
        rows: drops.map((d) => [
          d.name_zh,
          d.name_en,
          new Date(d.opens_at).toISOString(),
          d.price_fen,
          d.quantity_cap,
          d.sold >= d.quantity_cap && d.last_at
            ? Math.round((new Date(d.last_at).getTime() - new Date(d.opens_at).getTime()) / 1000)
            : null,
          Number(d.orders),
          Number(d.units),
          Number(d.revenue),
        ]),
      },
      viewers: {
        id: "viewers",
        columns: [
          { key: "at", kind: "instant" },
          { key: "viewers", kind: "int" },
        ],
        rows: samples.map((x) => [new Date(x.at).toISOString(), x.viewers]),
      },
    },
    asOf: at,
  };
}

/** The average number of viewers over [start, end]: each count held until the next change. */
export function timeWeightedAverage(samples: { at: Date; viewers: number }[], start: Date | null, end: Date): number {
  if (!samples.length) return 0;
  const from = start ? new Date(start).getTime() : new Date(samples[0]!.at).getTime();
  const to = new Date(end).getTime();
  if (to <= from) return samples.at(-1)!.viewers;
  let area = 0;
  for (const [i, x] of samples.entries()) {
    const a = Math.max(from, new Date(x.at).getTime());
    const b = Math.min(to, i + 1 < samples.length ? new Date(samples[i + 1]!.at).getTime() : to);
    if (b > a) area += x.viewers * (b - a);
  }
  return Math.round((area / (to - from)) * 10) / 10;
}
