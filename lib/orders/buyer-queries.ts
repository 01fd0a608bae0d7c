import "server-only";
import { refundsOfOrder } from "./after-sale-refund";
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { assertViewer } from "../auth";
import type { Viewer } from "../auth/contract";
import { AppError } from "../core/errors";
import { getDb, schema as s } from "../db";
import { buyerCancellable, type OrderDetailDto, type OrderStatus, type OrderSummaryDto } from "./contract";

const openForPickup: OrderStatus[] = ["placed", "confirmed", "dispatched", "ready_for_pickup"];

export async function listMyOrders(viewer: Viewer | null, limit = 50): Promise<OrderSummaryDto[]> {
  assertViewer(viewer);
  const db = await getDb();
  const orders = await db
    .select({
      id: s.orders.id,
      number: s.orders.number,
      status: s.orders.status,
      channel: s.orders.channel,
      fulfillment: s.orders.fulfillment,
      deliveryDay: s.orders.deliveryDay,
      totalFen: s.orders.totalFen,
      placedAt: s.orders.placedAt,
    })
    .from(s.orders)
    .where(eq(s.orders.buyerId, viewer.userId))
    .orderBy(desc(s.orders.placedAt))
    .limit(limit);
  if (!orders.length) return [];
  const lines = await db
    .select({
      orderId: s.orderLines.orderId,
      quantity: s.orderLines.quantity,
      nameZh: s.orderLines.productNameZh,
      nameEn: s.orderLines.productNameEn,
    })
    .from(s.orderLines)
    .where(
      inArray(
        s.orderLines.orderId,
        orders.map((o) => o.id),
      ),
    )
    .orderBy(asc(s.orderLines.id));
  return orders.map(({ id, ...o }) => {
    const mine = lines.filter((l) => l.orderId === id);
    return {
      ...o,
      itemCount: mine.reduce((a, l) => a + l.quantity, 0),
      firstItemZh: mine[0]?.nameZh ?? "",
      firstItemEn: mine[0]?.nameEn ?? "",
    };
  });
}

/** One of the viewer's orders by number; anyone else's answers NOT_FOUND. The pickup code is the buyer's alone. */
export async function getMyOrder(viewer: Viewer | null, number: string): Promise<OrderDetailDto> {
  assertViewer(viewer);
  const db = await getDb();
  const [o] = await db
    .select({ order: s.orders, station: s.stations })
    .from(s.orders)
    .leftJoin(s.stations, eq(s.stations.id, s.orders.stationId))
    .where(and(eq(s.orders.number, number), eq(s.orders.buyerId, viewer.userId)));
  if (!o) throw new AppError("NOT_FOUND", "order not found");
  const { order, station } = o;
  const [lines, events, refunds] = await Promise.all([
    db
      .select()
      .from(s.orderLines)
      .where(eq(s.orderLines.orderId, order.id))
      .orderBy(asc(s.orderLines.coopNameZh), asc(s.orderLines.id)),
    db
      .select({
        toStatus: s.orderEvents.toStatus,
        fromStatus: s.orderEvents.fromStatus,
        note: s.orderEvents.note,
        at: s.orderEvents.at,
        coopNameZh: s.cooperatives.nameZh,
        coopNameEn: s.cooperatives.nameEn,
      })
      .from(s.orderEvents)
      .leftJoin(s.cooperatives, eq(s.cooperatives.id, s.orderEvents.coopId))
      .where(eq(s.orderEvents.orderId, order.id))
      .orderBy(asc(s.orderEvents.id)),
    refundsOfOrder(db, order.id),
  ]);
  const status = order.status as OrderStatus;
  // A 拼团 order belongs to its team: it is paid and settled there, and waits (no cancelling) while the team forms.
  const [member] =
    order.channel === "team"
      ? await db.select({ teamId: s.teamMembers.teamId }).from(s.teamMembers).where(eq(s.teamMembers.orderId, order.id))
      : [];
  const teamForming = order.channel === "team" && (status === "placed" || status === "awaiting_payment");
  return {
    teamId: member?.teamId ?? null,
    number: order.number,
    status,
    channel: order.channel,
    fulfillment: order.fulfillment,
    deliveryDay: order.fulfillment === "pickup" && openForPickup.includes(status) ? order.deliveryDay : null,
    paymentMethod: order.paymentMethod,
    paymentStatus: order.paymentStatus,
    subtotalFen: order.subtotalFen,
    deliveryFeeFen: order.deliveryFeeFen,
    totalFen: order.totalFen,
    placedAt: order.placedAt,
    itemCount: lines.reduce((a, l) => a + l.quantity, 0),
    firstItemZh: lines[0]?.productNameZh ?? "",
    firstItemEn: lines[0]?.productNameEn ?? "",
    station: station
      ? {
          nameZh: station.nameZh,
          nameEn: station.nameEn,
          addressZh: station.addressZh,
          addressEn: station.addressEn,
          phone: station.phone,
        }
      : null,
    deliveryAddress: order.deliveryAddress ?? null,
    pickupCode: order.fulfillment === "pickup" && openForPickup.includes(status) ? order.pickupCode : null,
    pickupLocked: order.fulfillment === "pickup" && openForPickup.includes(status) && order.pickupLockedAt !== null,
    note: order.note,
    cancelReason: order.cancelReason,
    lines: lines.map((l) => ({
      id: l.id,
      coopId: l.coopId,
      coopNameZh: l.coopNameZh,
      coopNameEn: l.coopNameEn,
      productNameZh: l.productNameZh,
      productNameEn: l.productNameEn,
      variantLabelZh: l.variantLabelZh,
      variantLabelEn: l.variantLabelEn,
      unitPriceFen: l.unitPriceFen,
      quantity: l.quantity,
      lineTotalFen: l.lineTotalFen,
      status: l.status,
    })),
    events: events.map((e) => ({ ...e, coopNameZh: e.coopNameZh ?? null, coopNameEn: e.coopNameEn ?? null })),
    refunds: refunds.map((r) => ({ amountFen: r.amountFen, status: r.status, method: r.method, at: r.createdAt })),
    canCancel: buyerCancellable.includes(status) && !teamForming,
    holdExpiresAt: status === "awaiting_payment" ? order.holdExpiresAt : null,
  };
}
