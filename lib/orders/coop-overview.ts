import "server-only";
import { and, asc, eq, gt, ne, sql } from "drizzle-orm";
import { assertCoopMember } from "../auth";
import type { Viewer } from "../auth/contract";
import { now } from "../core/clock";
import { getDb, schema as s } from "../db";

export interface CoopOverviewDto {
  /** Paid (or pay-at-pickup) orders with lines of this cooperative still waiting for its confirmation. */
  toConfirm: number;
  /** The next cutoff of this cooperative's open batches: when, for which day, how many stations and orders. */
  nextCutoff: { at: Date; day: string; stations: number; orders: number } | null;
}

/** What a cooperative should see first in its workspace: orders to confirm and the next batch cutoff. */
export async function coopOverview(viewer: Viewer | null, coopId: string): Promise<CoopOverviewDto> {
  assertCoopMember(viewer, coopId);
  const db = await getDb();
  const [confirm] = await db
    .select({ n: sql<number>`count(distinct ${s.orderLines.orderId})::int` })
    .from(s.orderLines)
    .innerJoin(s.orders, eq(s.orders.id, s.orderLines.orderId))
    .where(
      and(
        eq(s.orderLines.coopId, coopId),
        eq(s.orderLines.status, "placed"),
        ne(s.orders.status, "awaiting_payment"),
        // A forming 拼团 team's orders are confirmed by its completion, not by the cooperative.
        sql`not (${s.orders.channel} = 'team' and ${s.orders.status} = 'placed')`,
      ),
    );
  const [next] = await db
    .select({ at: s.batches.locksAt, day: s.batches.deliveryDay })
    .from(s.batches)
    .where(and(eq(s.batches.coopId, coopId), eq(s.batches.status, "open"), gt(s.batches.locksAt, now())))
    .orderBy(asc(s.batches.locksAt))
    .limit(1);
  if (!next) return { toConfirm: confirm?.n ?? 0, nextCutoff: null };
  const [load] = await db
    .select({
      stations: sql<number>`count(distinct ${s.batches.stationId})::int`,
      orders: sql<number>`count(distinct ${s.orderLines.orderId})::int`,
    })
    .from(s.batches)
    .leftJoin(s.orderLines, and(eq(s.orderLines.batchId, s.batches.id), ne(s.orderLines.status, "cancelled")))
    .where(and(eq(s.batches.coopId, coopId), eq(s.batches.status, "open"), eq(s.batches.deliveryDay, next.day)));
  return {
    toConfirm: confirm?.n ?? 0,
    nextCutoff: { at: next.at, day: next.day, stations: load?.stations ?? 0, orders: load?.orders ?? 0 },
  };
}
