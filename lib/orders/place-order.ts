import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { AppError } from "../core/errors";
import { newId, newOrderNumber } from "../core/ids";
import { multiplyFen, sumFen } from "../core/money";
import { schema as s, type Tx } from "../db";
import type { DeliveryAddress } from "../db/schema";
import { takeStock } from "../inventory";
import { deliveryFeeFen, type OrderStatus } from "./contract";
import { assignBatches } from "./batches";
import { issuePickupCode } from "./pickup-code";

export interface OrderDraft {
  buyerId: string;
  channel: (typeof s.orderChannels)[number];
  lines: { variantId: string; quantity: number }[];
  /** A price set by trusted server code (a drop, a campaign); otherwise the catalog price is used. */
  unitPriceFen?: (variantId: string) => number | undefined;
  fulfillment: { kind: "pickup"; stationId: string } | { kind: "delivery"; address: DeliveryAddress };
  paymentMethod: string;
  idempotencyKey: string;
  note?: string | null;
  at: Date;
  status?: OrderStatus;
  /** Issue the pickup code now (pay at pickup) or later (once paid online). */
  issueCode?: boolean;
  /** A group buy's fixed pickup day, and the time its batch must stay open until. */
  pickupDay?: string;
  batchOpenUntil?: Date;
  campaignId?: string;
  /** Online payment: the order holds its stock until then, paymentStatus "pending". */
  holdExpiresAt?: Date;
  liveSessionId?: string;
  dropId?: string;
  /**
   * Sold in a streamer's session: the streamer, the carrying agreement and its rate in force at the sale, as the
   * live caller resolved them (orders does not know agreements), recorded on the product's lines for commission.
   */
  attribution?: (productId: string) => LineAttribution | undefined;
  /** A 拼团 order joins its station's batch only when its team completes (confirmIntoBatch). An awaiting_payment order never gets one here. */
  noBatch?: boolean;
}

export interface LineAttribution {
  streamerId: string;
  agreementId: string;
  commissionBps: number;
}

export interface PlacedOrder {
  id: string;
  number: string;
  created: boolean;
}

/**
 * Writes an order inside the caller's transaction: prices from the database, the order, its lines (names,
 * prices and cooperatives as they are now), the first timeline event, and then the stock, taken with one
 * conditional UPDATE per variant (same-variant lines summed first) and one movement per variant. Throws — and so
 * writes nothing — on an unknown variant, an unusable station, or a short line (SOLD_OUT names it). Run it in
 * placeOnce's transaction: that answers an idempotency key already used; here the unique (buyer, key) index
 * refuses one.
 */
export async function placeOrder(tx: Tx, draft: OrderDraft): Promise<PlacedOrder> {
  const quantities = new Map<string, number>();
  for (const l of draft.lines) quantities.set(l.variantId, (quantities.get(l.variantId) ?? 0) + l.quantity);
  const items = await loadSellable(tx, [...quantities.keys()]);

  const station = draft.fulfillment.kind === "pickup" ? await stationOrThrow(tx, draft.fulfillment.stationId) : null;

  const orderId = newId("ord");
  const lines = items.map((it) => {
    const quantity = quantities.get(it.variantId)!;
    const unitPriceFen = draft.unitPriceFen?.(it.variantId) ?? it.priceFen;
    return { ...it, quantity, unitPriceFen, lineTotalFen: multiplyFen(unitPriceFen, quantity) };
  });
  const status = draft.status ?? "placed";
  // An order waiting for its online payment stays off the batches (and so off pick lists, the station's console
  // and dispatch) until it is paid; it joins them then (joinStationBatches).
  const batches =
    station && !draft.noBatch && status !== "awaiting_payment"
      ? await assignBatches(
          tx,
          lines.map((l) => l.coopId),
          {
            stationId: station.id,
            cutoffTime: station.cutoffTime,
            timezone: station.timezone,
            day: draft.pickupDay,
            openUntil: draft.batchOpenUntil,
          },
          draft.at,
        )
      : null;

  const subtotalFen = sumFen(lines.map((l) => l.lineTotalFen));
  const fee = deliveryFeeFen(subtotalFen, draft.fulfillment.kind);
  const number = newOrderNumber(draft.at);
  await tx.insert(s.orders).values({
    id: orderId,
    number,
    buyerId: draft.buyerId,
    status,
    channel: draft.channel,
    fulfillment: draft.fulfillment.kind,
    stationId: draft.fulfillment.kind === "pickup" ? draft.fulfillment.stationId : null,
    deliveryAddress: draft.fulfillment.kind === "delivery" ? draft.fulfillment.address : null,
    paymentMethod: draft.paymentMethod,
    subtotalFen,
    deliveryFeeFen: fee,
    totalFen: subtotalFen + fee,
    idempotencyKey: draft.idempotencyKey,
    note: draft.note || null,
    placedAt: draft.at,
    deliveryDay: batches?.day ?? null,
    campaignId: draft.campaignId ?? null,
    holdExpiresAt: draft.holdExpiresAt ?? null,
    liveSessionId: draft.liveSessionId ?? null,
    dropId: draft.dropId ?? null,
    paymentStatus: draft.holdExpiresAt ? "pending" : "unpaid",
  });
  await tx.insert(s.orderLines).values(
    lines.map((l) => ({
      id: newId("oln"),
      orderId,
      coopId: l.coopId,
      productId: l.productId,
      variantId: l.variantId,
      productNameZh: l.productNameZh,
      productNameEn: l.productNameEn,
      variantLabelZh: l.variantLabelZh,
      variantLabelEn: l.variantLabelEn,
      coopNameZh: l.coopNameZh,
      coopNameEn: l.coopNameEn,
      unitPriceFen: l.unitPriceFen,
      quantity: l.quantity,
      lineTotalFen: l.lineTotalFen,
      batchId: batches?.batchByCoop.get(l.coopId) ?? null,
      ...lineAttribution(draft.attribution?.(l.productId)),
      // The rates in force now travel with the line: a later change of rate never reprices a sale.
      stationCommissionBps: station?.commissionBps ?? 0,
      platformFeeBps: l.platformFeeBps,
    })),
  );
  await tx
    .insert(s.orderEvents)
    .values({ orderId, fromStatus: null, toStatus: status, actorId: draft.buyerId, at: draft.at });
  if (draft.fulfillment.kind === "pickup" && (draft.issueCode ?? true)) {
    await issuePickupCode(tx, orderId, draft.fulfillment.stationId);
  }
  // Stock last: the variant rows are the hot ones (a drop storm), so their locks are held only from here to commit.
  await takeStock(
    tx,
    lines.map((l) => ({
      variantId: l.variantId,
      quantity: l.quantity,
      label: `${l.productNameZh} ${l.variantLabelZh}`,
    })),
    { refType: "order", refId: orderId, actorId: draft.buyerId },
  );
  return { id: orderId, number, created: true };
}

const lineAttribution = (a: LineAttribution | undefined) =>
  a ? { streamerId: a.streamerId, agreementId: a.agreementId, commissionBps: a.commissionBps } : {};

async function loadSellable(tx: Tx, variantIds: string[]) {
  const rows = await tx
    .select({
      variantId: s.variants.id,
      priceFen: s.variants.priceFen,
      variantLabelZh: s.variants.labelZh,
      variantLabelEn: s.variants.labelEn,
      productId: s.products.id,
      productNameZh: s.products.nameZh,
      productNameEn: s.products.nameEn,
      coopId: s.cooperatives.id,
      coopNameZh: s.cooperatives.nameZh,
      coopNameEn: s.cooperatives.nameEn,
      platformFeeBps: s.cooperatives.platformFeeBps,
    })
    .from(s.variants)
    .innerJoin(s.products, eq(s.products.id, s.variants.productId))
    .innerJoin(s.cooperatives, eq(s.cooperatives.id, s.products.coopId))
    .where(
      and(
        inArray(s.variants.id, variantIds),
        eq(s.variants.status, "active"),
        eq(s.products.status, "published"),
        eq(s.cooperatives.status, "approved"),
      ),
    );
  const missing = variantIds.filter((id) => !rows.some((r) => r.variantId === id));
  if (missing.length) {
    throw new AppError("VALIDATION", `unknown or unavailable variant ${missing.join(", ")}`, {
      fields: { lines: ["unknown_variant"] },
      params: { variantId: missing[0]! },
    });
  }
  return rows;
}

async function stationOrThrow(tx: Tx, stationId: string) {
  const [station] = await tx
    .select({
      id: s.stations.id,
      cutoffTime: s.stations.cutoffTime,
      timezone: s.stations.timezone,
      commissionBps: s.stations.commissionBps,
    })
    .from(s.stations)
    .where(and(eq(s.stations.id, stationId), eq(s.stations.status, "active")));
  if (!station) throw new AppError("VALIDATION", "unknown station", { fields: { stationId: ["unknown_station"] } });
  return station;
}
