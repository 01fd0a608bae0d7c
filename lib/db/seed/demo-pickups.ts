import { eq, sql } from "drizzle-orm";
import { newOrderNumber } from "../../core/ids";
import * as s from "../schema";
import type { Tx } from "../types";
import { lineSourceOf } from "./factories";

/** The demo's two orders waiting at 惠民街道大柳村网联驿站, and the pickup codes the README lists. */
export const demoPickups = [
  { id: "ord_demo_ready_rice", code: "246810", variantId: "var_hudun_10kg", quantity: 1 },
  { id: "ord_demo_ready_oil", code: "135790", variantId: "var_oil_5000", quantity: 1 },
] as const;

/**
 * Today's batch from 大柳村丰产粮油合作社 has reached the Daliu station (locked at last night's cutoff, sent
 * and received this morning) with 张小禾's two pay-at-pickup orders in it, ready to hand over — so that
 * station@example.com can try a successful handover right after the quick start. Written the way the order
 * book would have it: each order's line in the batch, its timeline, its stock taken with a movement.
 */
export async function seedDemoPickups(tx: Tx): Promise<void> {
  const hour = 3_600_000;
  const now = Date.now();
  const today = new Date(now + 8 * hour).toISOString().slice(0, 10); // Shanghai's calendar day
  const placed = new Date(now - 20 * hour);
  const lockedAt = new Date(now - 14 * hour);
  const received = new Date(now - 2 * hour);
  const buyerId = "usr_demo_buyer";
  const batchId = "bat_demo_huimin_today";
  await tx.insert(s.batches).values({
    id: batchId,
    coopId: "coop_daliu",
    stationId: "stn_huimin",
    deliveryDay: today,
    status: "received",
    locksAt: lockedAt,
    lockedAt,
    dispatchedAt: new Date(now - 4 * hour),
    receivedAt: received,
  });
  for (const [i, p] of demoPickups.entries()) {
    const v = await lineSourceOf(tx, p.variantId);
    const total = v.priceFen * p.quantity;
    await tx.insert(s.orders).values({
      id: p.id,
      number: newOrderNumber(placed),
      buyerId,
      status: "ready_for_pickup",
      fulfillment: "pickup",
      stationId: "stn_huimin",
      paymentMethod: "pay_at_pickup",
      subtotalFen: total,
      totalFen: total,
      pickupCode: p.code,
      deliveryDay: today,
      idempotencyKey: `demo-ready-${i + 1}-0000000000`,
      placedAt: placed,
      confirmedAt: new Date(placed.getTime() + hour),
      dispatchedAt: new Date(now - 4 * hour),
      readyAt: received,
    });
    await tx.insert(s.orderLines).values({
      id: `oln_${p.id.slice(4)}`,
      orderId: p.id,
      coopId: "coop_daliu",
      productId: v.productId,
      variantId: p.variantId,
      productNameZh: v.nameZh,
      productNameEn: v.nameEn,
      variantLabelZh: v.labelZh,
      variantLabelEn: v.labelEn,
      coopNameZh: v.coopNameZh,
      coopNameEn: v.coopNameEn,
      unitPriceFen: v.priceFen,
      quantity: p.quantity,
      lineTotalFen: total,
      status: "dispatched",
      batchId,
    });
    const steps: [string | null, string, Date][] = [
      [null, "placed", placed],
      ["placed", "confirmed", new Date(placed.getTime() + hour)],
      ["confirmed", "dispatched", new Date(now - 4 * hour)],
      ["dispatched", "ready_for_pickup", received],
    ];
    for (const [from, to, at] of steps)
      await tx.insert(s.orderEvents).values({ orderId: p.id, fromStatus: from, toStatus: to, actorId: null, at });
    const [stock] = await tx
      .update(s.variants)
      .set({ stock: sql`${s.variants.stock} - ${p.quantity}` })
      .where(eq(s.variants.id, p.variantId))
      .returning({ stock: s.variants.stock });
    await tx.insert(s.inventoryMovements).values({
      variantId: p.variantId,
      delta: -p.quantity,
      stockAfter: stock!.stock,
      reason: "order",
      refType: "order",
      refId: p.id,
      actorId: buyerId,
    });
  }
}
