import "server-only";
import { and, asc, desc, eq, ne, sql } from "drizzle-orm";
import { assertCoopMember } from "../auth";
import type { Viewer } from "../auth/contract";
import { toCsv } from "../core/csv";
import { getDb, schema as s } from "../db";

export interface PickListDto {
  day: string;
  stations: {
    batchId: string;
    batchStatus: "open" | "locked" | "dispatched" | "received";
    stationNameZh: string;
    stationNameEn: string;
    stationAddressZh: string;
    totals: {
      productNameZh: string;
      productNameEn: string;
      variantLabelZh: string;
      variantLabelEn: string;
      quantity: number;
    }[];
    bags: {
      number: string;
      buyerName: string;
      items: { productNameZh: string; variantLabelZh: string; quantity: number }[];
    }[];
  }[];
}

/** The days a cooperative has batches for, newest first, with how many orders each. */
export async function listBatchDays(
  viewer: Viewer | null,
  coopId: string,
): Promise<{ day: string; batches: number; orders: number }[]> {
  assertCoopMember(viewer, coopId);
  const db = await getDb();
  return db
    .select({
      day: s.batches.deliveryDay,
      batches: sql<number>`count(distinct ${s.batches.id})::int`,
      orders: sql<number>`count(distinct ${s.orderLines.orderId})::int`,
    })
    .from(s.batches)
    .leftJoin(s.orderLines, and(eq(s.orderLines.batchId, s.batches.id), ne(s.orderLines.status, "cancelled")))
    .where(eq(s.batches.coopId, coopId))
    .groupBy(s.batches.deliveryDay)
    .orderBy(desc(s.batches.deliveryDay))
    .limit(60);
}

/** Per station, what to bag for one delivery day: totals per variant and one bag per order. */
export async function getPickList(viewer: Viewer | null, coopId: string, day: string): Promise<PickListDto> {
  assertCoopMember(viewer, coopId);
  const db = await getDb();
  const rows = await db
    .select({
      batch: s.batches,
      station: s.stations,
      line: s.orderLines,
      orderNumber: s.orders.number,
      buyerName: s.users.name,
    })
    .from(s.batches)
    .innerJoin(s.stations, eq(s.stations.id, s.batches.stationId))
    .innerJoin(s.orderLines, and(eq(s.orderLines.batchId, s.batches.id), ne(s.orderLines.status, "cancelled")))
    .innerJoin(s.orders, eq(s.orders.id, s.orderLines.orderId))
    .innerJoin(s.users, eq(s.users.id, s.orders.buyerId))
    // Unpaid orders never join a batch; the filter keeps any that did (before that rule) off the bags.
    .where(and(eq(s.batches.coopId, coopId), eq(s.batches.deliveryDay, day), ne(s.orders.status, "awaiting_payment")))
    .orderBy(asc(s.stations.nameZh), asc(s.orders.number), asc(s.orderLines.id));
  const stations = new Map<string, PickListDto["stations"][number]>();
  for (const r of rows) {
    let st = stations.get(r.batch.id);
    if (!st) {
      st = {
        batchId: r.batch.id,
        batchStatus: r.batch.status,
        stationNameZh: r.station.nameZh,
        stationNameEn: r.station.nameEn,
        stationAddressZh: r.station.addressZh,
        totals: [],
        bags: [],
      };
      stations.set(r.batch.id, st);
    }
    const total = st.totals.find(
      (t) => t.productNameZh === r.line.productNameZh && t.variantLabelZh === r.line.variantLabelZh,
    );
    if (total) total.quantity += r.line.quantity;
    else
      st.totals.push({
        productNameZh: r.line.productNameZh,
        productNameEn: r.line.productNameEn,
        variantLabelZh: r.line.variantLabelZh,
        variantLabelEn: r.line.variantLabelEn,
        quantity: r.line.quantity,
      });
    let bag = st.bags.find((b) => b.number === r.orderNumber);
    if (!bag) st.bags.push((bag = { number: r.orderNumber, buyerName: r.buyerName, items: [] }));
    bag.items.push({
      productNameZh: r.line.productNameZh,
      variantLabelZh: r.line.variantLabelZh,
      quantity: r.line.quantity,
    });
  }
  return { day, stations: [...stations.values()] };
}

export async function pickListCsv(viewer: Viewer | null, coopId: string, day: string): Promise<string> {
  const list = await getPickList(viewer, coopId, day);
  const header = ["delivery_day", "station", "order_number", "buyer", "product", "variant", "quantity"];
  const rows = list.stations.flatMap((st) =>
    st.bags.flatMap((b) =>
      b.items.map((i) => [day, st.stationNameZh, b.number, b.buyerName, i.productNameZh, i.variantLabelZh, i.quantity]),
    ),
  );
  return toCsv(header, rows);
}
