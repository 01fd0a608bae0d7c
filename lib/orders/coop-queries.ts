import "server-only";
import { and, asc, desc, eq, ne, sql } from "drizzle-orm";
import { assertCoopMember } from "../auth";
import type { Viewer } from "../auth/contract";
import { toCsv } from "../core/csv";
import { getDb, schema as s } from "../db";
import type { LineStatus, OrderStatus } from "./contract";

export interface CoopOrderDto {
  number: string;
  status: OrderStatus;
  fulfillment: "pickup" | "delivery";
  placedAt: Date;
  buyerName: string;
  /** Only for home delivery, where the cooperative ships to the buyer. */
  buyerPhone: string | null;
  deliveryAddress: { recipient: string; phone: string; region: string; line: string; postalCode?: string } | null;
  stationNameZh: string | null;
  stationNameEn: string | null;
  /** A pickup order's delivery day: its lines leave with that day's batch, after the station's cutoff. */
  deliveryDay: string | null;
  paymentMethod: string;
  /** A 拼团 order whose team is still forming: confirmed by the team's completion, not by the cooperative. */
  teamForming: boolean;
  lines: {
    id: string;
    productNameZh: string;
    productNameEn: string;
    variantLabelZh: string;
    variantLabelEn: string;
    quantity: number;
    unitPriceFen: number;
    lineTotalFen: number;
    status: LineStatus;
    /** Given back after handover so far (售后), whatever the refunds' states. */
    refundedFen: number;
  }[];
}

/** A cooperative's own order lines, grouped by order; other cooperatives' lines and unpaid online orders never appear. */
export async function listCoopOrders(
  viewer: Viewer | null,
  coopId: string,
  status?: LineStatus,
  limit = 200,
): Promise<CoopOrderDto[]> {
  assertCoopMember(viewer, coopId);
  const db = await getDb();
  const lines = await db
    .select({
      line: s.orderLines,
      order: s.orders,
      buyerName: s.users.name,
      buyerPhone: s.users.phone,
      station: s.stations,
      refundedFen: sql<number>`(select coalesce(sum(r.amount_fen), 0)::int from refunds r where r.order_line_id = ${s.orderLines.id})`,
    })
    .from(s.orderLines)
    .innerJoin(s.orders, eq(s.orders.id, s.orderLines.orderId))
    .innerJoin(s.users, eq(s.users.id, s.orders.buyerId))
    .leftJoin(s.stations, eq(s.stations.id, s.orders.stationId))
    // An order waiting for its online payment is not the cooperative's work yet: it appears once paid.
    .where(
      and(
        eq(s.orderLines.coopId, coopId),
        ne(s.orders.status, "awaiting_payment"),
        status ? eq(s.orderLines.status, status) : undefined,
      ),
    )
    .orderBy(desc(s.orders.placedAt), asc(s.orderLines.id))
    .limit(limit);
  const byOrder = new Map<string, CoopOrderDto>();
  for (const r of lines) {
    let o = byOrder.get(r.order.id);
    if (!o) {
      const delivery = r.order.fulfillment === "delivery";
      o = {
        number: r.order.number,
        status: r.order.status,
        fulfillment: r.order.fulfillment,
        placedAt: r.order.placedAt,
        buyerName: r.buyerName,
        buyerPhone: delivery ? r.buyerPhone : null,
        deliveryAddress: delivery ? (r.order.deliveryAddress ?? null) : null,
        stationNameZh: r.station?.nameZh ?? null,
        stationNameEn: r.station?.nameEn ?? null,
        deliveryDay: r.order.deliveryDay,
        paymentMethod: r.order.paymentMethod,
        teamForming: r.order.channel === "team" && r.order.status === "placed",
        lines: [],
      };
      byOrder.set(r.order.id, o);
    }
    o.lines.push({
      id: r.line.id,
      productNameZh: r.line.productNameZh,
      productNameEn: r.line.productNameEn,
      variantLabelZh: r.line.variantLabelZh,
      variantLabelEn: r.line.variantLabelEn,
      quantity: r.line.quantity,
      unitPriceFen: r.line.unitPriceFen,
      lineTotalFen: r.line.lineTotalFen,
      status: r.line.status,
      refundedFen: Number(r.refundedFen),
    });
  }
  return [...byOrder.values()];
}

export async function coopOrdersCsv(viewer: Viewer | null, coopId: string, status?: LineStatus): Promise<string> {
  const orders = await listCoopOrders(viewer, coopId, status, 5000);
  const header = [
    "order_number",
    "placed_at",
    "order_status",
    "fulfillment",
    "station",
    "buyer",
    "product",
    "variant",
    "quantity",
    "unit_price_yuan",
    "line_total_yuan",
    "line_status",
  ];
  const rows = orders.flatMap((o) =>
    o.lines.map((l) => [
      o.number,
      o.placedAt.toISOString(),
      o.status,
      o.fulfillment,
      o.stationNameZh ?? "",
      o.buyerName,
      l.productNameZh,
      l.variantLabelZh,
      l.quantity,
      (l.unitPriceFen / 100).toFixed(2),
      (l.lineTotalFen / 100).toFixed(2),
      l.status,
    ]),
  );
  return toCsv(header, rows);
}
