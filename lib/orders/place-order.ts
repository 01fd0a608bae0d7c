import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { AppError } from "../core/errors";
import { newId, newOrderNumber } from "../core/ids";
import { multiplyFen, sumFen } from "../core/money";
import { bulkInsert, isUniqueViolation, schema as s, type Tx } from "../db";
import type { DeliveryAddress } from "../db/schema";
import { takeStock } from "../inventory";
import { deliveryFeeFen, type OrderStatus } from "./contract";
import { assignBatches } from "./batches";
import { drawPickupCodes } from "./pickup-code";

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
  /** The units are already held for this order outside the variant's stock (a drop's reservation): take none. */
  stockHeld?: boolean;
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
  return (await placeOrders(tx, [draft]))[0]!;
}

/**
 * placeOrder for many orders in one transaction (a drop's batch of purchases): each statement once for all of
 * them — the catalog and station reads, each station's batches, the orders, their lines, their first events,
 * their pickup codes — so a batch of N costs about what one order does. Any failure fails them all.
 */
export async function placeOrders(tx: Tx, drafts: OrderDraft[]): Promise<PlacedOrder[]> {
  if (!drafts.length) return [];
  const quantitiesOf = drafts.map((d) => {
    const q = new Map<string, number>();
    for (const l of d.lines) q.set(l.variantId, (q.get(l.variantId) ?? 0) + l.quantity);
    return q;
  });
  const items = await loadSellable(tx, [...new Set(quantitiesOf.flatMap((q) => [...q.keys()]))]);
  const pickupStations = drafts.flatMap((d) => (d.fulfillment.kind === "pickup" ? [d.fulfillment.stationId] : []));
  const stations = await stationsOrThrow(tx, pickupStations);

  const plans = drafts.map((draft, i) => {
    const quantities = quantitiesOf[i]!;
    const lines = items
      .filter((it) => quantities.has(it.variantId))
      .map((it) => {
        const quantity = quantities.get(it.variantId)!;
        const unitPriceFen = draft.unitPriceFen?.(it.variantId) ?? it.priceFen;
        return { ...it, quantity, unitPriceFen, lineTotalFen: multiplyFen(unitPriceFen, quantity) };
      });
    const station = draft.fulfillment.kind === "pickup" ? stations.get(draft.fulfillment.stationId)! : null;
    const status = draft.status ?? "placed";
    const subtotalFen = sumFen(lines.map((l) => l.lineTotalFen));
    return {
      draft,
      lines,
      station,
      status,
      orderId: newId("ord"),
      number: newOrderNumber(draft.at),
      subtotalFen,
      fee: deliveryFeeFen(subtotalFen, draft.fulfillment.kind),
      batches: null as Awaited<ReturnType<typeof assignBatches>> | null,
    };
  });

  // An order waiting for its online payment stays off the batches (and so off pick lists, the station's console
  // and dispatch) until it is paid; it joins them then (joinStationBatches). Orders with the same station, day
  // and cooperatives share one lookup.
  const batchLookups = new Map<string, Promise<Awaited<ReturnType<typeof assignBatches>>>>();
  for (const p of plans) {
    if (!p.station || p.draft.noBatch || p.status === "awaiting_payment") continue;
    const coopIds = [...new Set(p.lines.map((l) => l.coopId))].sort();
    const key = [p.station.id, p.draft.pickupDay, p.draft.batchOpenUntil?.getTime(), p.draft.at.getTime(), coopIds]
      .map(String)
      .join("|");
    let lookup = batchLookups.get(key);
    if (!lookup) {
      // One at a time: statements on one transaction run in sequence anyway.
      lookup = assignBatches(
        tx,
        coopIds,
        {
          stationId: p.station.id,
          cutoffTime: p.station.cutoffTime,
          timezone: p.station.timezone,
          day: p.draft.pickupDay,
          openUntil: p.draft.batchOpenUntil,
        },
        p.draft.at,
      );
      batchLookups.set(key, lookup);
    }
    p.batches = await lookup;
  }

  // Pickup codes go in with the orders: drawn free of the station's open orders, and drawn again should another
  // transaction have taken one meanwhile (the partial unique index refuses the insert; the savepoint keeps the rest).
  const coded = plans.flatMap(({ draft, orderId }) =>
    draft.fulfillment.kind === "pickup" && (draft.issueCode ?? true)
      ? [{ orderId, stationId: draft.fulfillment.stationId }]
      : [],
  );
  for (let attempt = 0; ; attempt++) {
    const codes = coded.length ? await drawPickupCodes(tx, coded) : new Map<string, string>();
    try {
      await tx.transaction((sp) => bulkInsert(sp, s.orders, orderRows(plans, codes)));
      break;
    } catch (err) {
      if (attempt >= 3 || !isUniqueViolation(err, "orders_open_pickup_code_key")) throw err;
    }
  }
  await bulkInsert(
    tx,
    s.orderLines,
    plans.flatMap(({ draft, orderId, lines, batches, station }) =>
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
    ),
  );
  await bulkInsert(
    tx,
    s.orderEvents,
    plans.map(({ draft, orderId, status }) => ({
      orderId,
      fromStatus: null,
      toStatus: status,
      actorId: draft.buyerId,
      at: draft.at,
    })),
  );
  // Stock last: the variant rows are the hot ones (a shop rush), so their locks are held only from here to commit.
  // A drop's orders take none: the drop holds its units from the stock while it is open.
  for (const { draft, orderId, lines } of plans) {
    if (draft.stockHeld) continue;
    await takeStock(
      tx,
      lines.map((l) => ({
        variantId: l.variantId,
        quantity: l.quantity,
        label: `${l.productNameZh} ${l.variantLabelZh}`,
      })),
      { refType: "order", refId: orderId, actorId: draft.buyerId },
    );
  }
  return plans.map((p) => ({ id: p.orderId, number: p.number, created: true }));
}

type Plan = {
  draft: OrderDraft;
  orderId: string;
  number: string;
  status: OrderStatus;
  subtotalFen: number;
  fee: number;
  batches: { day: string } | null;
};

function orderRows(plans: Plan[], codes: Map<string, string>): (typeof s.orders.$inferInsert)[] {
  return plans.map(({ draft, orderId, number, status, subtotalFen, fee, batches }) => ({
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
    pickupCode: codes.get(orderId) ?? null,
  }));
}

// Every line names the same columns (bulkInsert): null where the sale had no streamer.
const lineAttribution = (a: LineAttribution | undefined) => ({
  streamerId: a?.streamerId ?? null,
  agreementId: a?.agreementId ?? null,
  commissionBps: a?.commissionBps ?? null,
});

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

async function stationsOrThrow(tx: Tx, stationIds: string[]) {
  const wanted = [...new Set(stationIds)];
  if (!wanted.length) return new Map<string, never>();
  const rows = await tx
    .select({
      id: s.stations.id,
      cutoffTime: s.stations.cutoffTime,
      timezone: s.stations.timezone,
      commissionBps: s.stations.commissionBps,
    })
    .from(s.stations)
    .where(and(inArray(s.stations.id, wanted), eq(s.stations.status, "active")));
  if (rows.length !== wanted.length)
    throw new AppError("VALIDATION", "unknown station", { fields: { stationId: ["unknown_station"] } });
  return new Map(rows.map((r) => [r.id, r]));
}
