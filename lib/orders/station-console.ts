import "server-only";
import { and, asc, eq, gte, ilike, inArray, lte, ne, not, or, sql } from "drizzle-orm";
import { assertStationManager } from "../auth";
import type { Viewer } from "../auth/contract";
import { getDb, schema as s } from "../db";
import { amountDueFen } from "../ledger";
import { addDays } from "../stations/contract";

export interface StationBatchDto {
  id: string;
  coopNameZh: string;
  coopNameEn: string;
  deliveryDay: string;
  status: "open" | "locked" | "dispatched" | "received";
  orders: number;
  units: number;
}

export interface WaitingOrderDto {
  number: string;
  buyerName: string;
  buyerPhone: string | null;
  status: string;
  readyAt: Date | null;
  totalFen: number;
  paymentMethod: string;
  paymentStatus: string;
  /** The day its goods reach the station (for orders still on the way). */
  deliveryDay: string | null;
  items: string;
}

/** Batches around today (yesterday to the day after tomorrow) for a station's console. */
export async function listStationBatches(
  viewer: Viewer | null,
  stationId: string,
  today: string,
): Promise<StationBatchDto[]> {
  assertStationManager(viewer, stationId);
  const db = await getDb();
  return db
    .select({
      id: s.batches.id,
      coopNameZh: s.cooperatives.nameZh,
      coopNameEn: s.cooperatives.nameEn,
      deliveryDay: s.batches.deliveryDay,
      status: s.batches.status,
      orders: sql<number>`count(distinct ${s.orderLines.orderId})::int`,
      units: sql<number>`coalesce(sum(${s.orderLines.quantity}), 0)::int`,
    })
    .from(s.batches)
    .innerJoin(s.cooperatives, eq(s.cooperatives.id, s.batches.coopId))
    .leftJoin(
      s.orderLines,
      and(
        eq(s.orderLines.batchId, s.batches.id),
        ne(s.orderLines.status, "cancelled"),
        // Unpaid orders never join a batch; this keeps any that did (before that rule) out of the counts.
        sql`not exists (select 1 from ${s.orders} where ${s.orders.id} = ${s.orderLines.orderId} and ${s.orders.status} = 'awaiting_payment')`,
      ),
    )
    .where(
      and(
        eq(s.batches.stationId, stationId),
        gte(s.batches.deliveryDay, addDays(today, -1)),
        lte(s.batches.deliveryDay, addDays(today, 2)),
      ),
    )
    .groupBy(s.batches.id, s.cooperatives.id)
    .orderBy(asc(s.batches.deliveryDay), asc(s.cooperatives.nameZh));
}

/**
 * Orders at the station that are waiting (ready_for_pickup: they can be handed over now) or on their way, searchable
 * by name, phone or order number; the console shows the two apart.
 */
export async function listStationOrders(
  viewer: Viewer | null,
  stationId: string,
  q = "",
  limit = 100,
): Promise<WaitingOrderDto[]> {
  assertStationManager(viewer, stationId);
  const db = await getDb();
  const term = q.trim().slice(0, 40);
  const like = `%${term.replace(/[%_\\]/g, (m) => `\\${m}`)}%`;
  const orders = await db
    .select({
      id: s.orders.id,
      number: s.orders.number,
      buyerName: s.users.name,
      buyerPhone: s.users.phone,
      status: s.orders.status,
      readyAt: s.orders.readyAt,
      deliveryFeeFen: s.orders.deliveryFeeFen,
      paymentMethod: s.orders.paymentMethod,
      paymentStatus: s.orders.paymentStatus,
      deliveryDay: s.orders.deliveryDay,
    })
    .from(s.orders)
    .innerJoin(s.users, eq(s.users.id, s.orders.buyerId))
    .where(
      and(
        eq(s.orders.stationId, stationId),
        inArray(s.orders.status, ["confirmed", "placed", "dispatched", "ready_for_pickup"]),
        // A 拼团 order whose team is still forming is not coming yet (its team may still fail).
        not(and(eq(s.orders.channel, "team"), eq(s.orders.status, "placed"))!),
        term ? or(ilike(s.users.name, like), ilike(s.users.phone, like), ilike(s.orders.number, like)) : undefined,
      ),
    )
    .orderBy(
      sql`case when ${s.orders.status} = 'ready_for_pickup' then 0 else 1 end`,
      asc(s.orders.readyAt),
      asc(s.orders.number),
    )
    .limit(limit);
  const lines = orders.length
    ? await db
        .select({
          orderId: s.orderLines.orderId,
          name: s.orderLines.productNameZh,
          label: s.orderLines.variantLabelZh,
          quantity: s.orderLines.quantity,
          lineTotalFen: s.orderLines.lineTotalFen,
        })
        .from(s.orderLines)
        .where(
          and(
            inArray(
              s.orderLines.orderId,
              orders.map((o) => o.id),
            ),
            ne(s.orderLines.status, "cancelled"),
          ),
        )
    : [];
  return orders.map(({ id, deliveryFeeFen, ...o }) => {
    const own = lines.filter((l) => l.orderId === id);
    return {
      ...o,
      // What the buyer pays here: the lines still coming (a cooperative may have cancelled its part).
      totalFen: amountDueFen(
        own.map((l) => ({ status: "placed", lineTotalFen: l.lineTotalFen })),
        deliveryFeeFen,
      ),
      items: own.map((l) => `${l.name} ${l.label} ×${l.quantity}`).join(","),
    };
  });
}
