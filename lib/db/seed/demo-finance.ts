import { eq, sql } from "drizzle-orm";
import { newOrderNumber } from "../../core/ids";
import * as s from "../schema";
import type { Tx } from "../types";
import { lineSourceOf } from "./factories";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Monday 00:00 (Asia/Shanghai, UTC+8 all year) of the demo's past week: the week before the one two hours ago fell
 * in — so it has always ended (and closed, an hour after its end) when the demo starts, even early on a Monday.
 */
export function demoWeekMonday(now: number): number {
  return lastWeekMonday(now - 2 * HOUR);
}

/** Monday 00:00 (Asia/Shanghai, UTC+8 all year) of the week before the one `now` falls in. */
export function lastWeekMonday(now: number): number {
  const local = new Date(now + 8 * HOUR);
  const sinceMonday = (local.getUTCDay() + 6) % 7;
  const mondayLocal = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) - sinceMonday * DAY;
  return mondayLocal - 8 * HOUR - 7 * DAY;
}

/**
 * Last week's sales, handed over at 惠民街道大柳村网联驿站 and paid there in cash, so that every finance page has a
 * closed week to show and the admin a payout run to try: 湖墩大米 10kg bought for ¥118 in a drop of 小柳's live session
 * (carried at 10 %), and 大柳村菜籽油 5L for ¥138 in the shop. The ledger is not written here: the server posts these
 * orders when it starts (the ledger's catch-up, as for any order from before the ledger) and closes the week.
 */
export async function seedDemoFinance(tx: Tx): Promise<void> {
  const monday = demoWeekMonday(Date.now());
  const sessionAt = new Date(monday + 1 * DAY + 12 * HOUR); // Tuesday 20:00
  const handedAt = new Date(monday + 2 * DAY + 2 * HOUR); // Wednesday 10:00
  await tx.insert(s.liveSessions).values({
    id: "live_demo_new_rice",
    streamerId: "usr_demo_streamer",
    title: "湖墩新米开仓 · 上周直播",
    description: "合作社仓库里现碾现装,直播间限量秒杀。",
    coverImagePath: "/images/live/cover-hudun.svg",
    scheduledAt: sessionAt,
    status: "ended",
    startedAt: sessionAt,
    endedAt: new Date(sessionAt.getTime() + HOUR),
  });
  await tx
    .insert(s.liveBagItems)
    .values([{ sessionId: "live_demo_new_rice", productId: "prd_hudun_rice", position: 0 }]);
  await tx.insert(s.liveDrops).values({
    id: "drop_demo_new_rice",
    sessionId: "live_demo_new_rice",
    productId: "prd_hudun_rice",
    variantId: "var_hudun_10kg",
    priceFen: 11800,
    quantityCap: 20,
    sold: 1,
    perBuyerLimit: 2,
    opensAt: new Date(sessionAt.getTime() + 10 * 60_000),
    closesAt: new Date(sessionAt.getTime() + 20 * 60_000),
    status: "closed",
    closedAt: new Date(sessionAt.getTime() + 20 * 60_000),
  });
  await tx.insert(s.liveDropBuyers).values({ dropId: "drop_demo_new_rice", buyerId: "usr_demo_buyer", units: 1 });
  await handedOverOrder(tx, {
    id: "ord_demo_past_drop",
    variantId: "var_hudun_10kg",
    unitPriceFen: 11800,
    channel: "live",
    placedAt: new Date(sessionAt.getTime() + 12 * 60_000),
    handedAt,
    live: {
      sessionId: "live_demo_new_rice",
      dropId: "drop_demo_new_rice",
      agreementId: "agr_demo_daliu",
      rateBps: 1000,
    },
  });
  await handedOverOrder(tx, {
    id: "ord_demo_past_oil",
    variantId: "var_oil_5000",
    channel: "shop",
    placedAt: new Date(monday + 9 * HOUR),
    handedAt: new Date(handedAt.getTime() + 30 * 60_000),
  });
}

async function handedOverOrder(
  tx: Tx,
  o: {
    id: string;
    variantId: string;
    unitPriceFen?: number;
    channel: "shop" | "live";
    placedAt: Date;
    handedAt: Date;
    live?: { sessionId: string; dropId: string; agreementId: string; rateBps: number };
  },
) {
  const v = await lineSourceOf(tx, o.variantId);
  const [station] = await tx
    .select({ commissionBps: s.stations.commissionBps })
    .from(s.stations)
    .where(eq(s.stations.id, "stn_huimin"));
  const price = o.unitPriceFen ?? v.priceFen;
  const day = new Date(o.handedAt.getTime() + 8 * HOUR).toISOString().slice(0, 10);
  const confirmedAt = new Date(o.placedAt.getTime() + HOUR);
  const dispatchedAt = new Date(o.handedAt.getTime() - 4 * HOUR);
  const readyAt = new Date(o.handedAt.getTime() - 2 * HOUR);
  await tx.insert(s.orders).values({
    id: o.id,
    number: newOrderNumber(o.placedAt),
    buyerId: "usr_demo_buyer",
    status: "completed",
    channel: o.channel,
    fulfillment: "pickup",
    stationId: "stn_huimin",
    paymentMethod: "pay_at_pickup",
    paymentStatus: "paid",
    subtotalFen: price,
    totalFen: price,
    pickupCode: null,
    deliveryDay: day,
    idempotencyKey: `demo-${o.id}-0000000000`,
    liveSessionId: o.live?.sessionId ?? null,
    dropId: o.live?.dropId ?? null,
    placedAt: o.placedAt,
    confirmedAt,
    dispatchedAt,
    readyAt,
    completedAt: o.handedAt,
    createdAt: o.placedAt,
    updatedAt: o.handedAt,
  });
  await tx.insert(s.orderLines).values({
    id: `oln_${o.id.slice(4)}`,
    orderId: o.id,
    coopId: v.coopId,
    productId: v.productId,
    variantId: o.variantId,
    productNameZh: v.nameZh,
    productNameEn: v.nameEn,
    variantLabelZh: v.labelZh,
    variantLabelEn: v.labelEn,
    coopNameZh: v.coopNameZh,
    coopNameEn: v.coopNameEn,
    unitPriceFen: price,
    quantity: 1,
    lineTotalFen: price,
    status: "dispatched",
    streamerId: o.live ? "usr_demo_streamer" : null,
    agreementId: o.live?.agreementId ?? null,
    commissionBps: o.live?.rateBps ?? null,
    stationCommissionBps: station!.commissionBps,
    platformFeeBps: v.platformFeeBps,
  });
  const steps: [string | null, string, Date][] = [
    [null, "placed", o.placedAt],
    ["placed", "confirmed", confirmedAt],
    ["confirmed", "dispatched", dispatchedAt],
    ["dispatched", "ready_for_pickup", readyAt],
    ["ready_for_pickup", "completed", o.handedAt],
  ];
  for (const [from, to, at] of steps)
    await tx.insert(s.orderEvents).values({ orderId: o.id, fromStatus: from, toStatus: to, actorId: null, at });
  const [stock] = await tx
    .update(s.variants)
    .set({ stock: sql`${s.variants.stock} - 1` })
    .where(eq(s.variants.id, o.variantId))
    .returning({ stock: s.variants.stock });
  await tx.insert(s.inventoryMovements).values({
    variantId: o.variantId,
    delta: -1,
    stockAfter: stock!.stock,
    reason: "order",
    refType: "order",
    refId: o.id,
    actorId: "usr_demo_buyer",
  });
}
