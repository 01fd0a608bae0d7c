import { eq, sql } from "drizzle-orm";
import { newOrderNumber } from "../../core/ids";
import * as s from "../schema";
import type { Tx } from "../types";
import { lineSourceOf } from "./factories";

export const DEMO_REVIEW_ORDER = "ord_demo_review";

/**
 * One thing for the admin's needs-attention page: 张小禾's online order for 5 L of oil, paid at Stripe ¥1.00 short
 * of its total, so the webhook held it for review (paymentStatus needs_review; the hold sweep leaves it alone).
 * The admin can accept it at /admin/attention without Stripe being reachable. Written as the order book would
 * have it: the line, the timeline, the stock taken with its movement, and the paid attempt.
 */
export async function seedDemoAttention(tx: Tx): Promise<void> {
  const minute = 60_000;
  const placed = new Date(Date.now() - 90 * minute);
  const variantId = "var_oil_5000";
  const v = await lineSourceOf(tx, variantId);
  const total = v.priceFen;
  const taken = total - 100;
  const buyerId = "usr_demo_buyer";
  await tx.insert(s.orders).values({
    id: DEMO_REVIEW_ORDER,
    number: newOrderNumber(placed),
    buyerId,
    status: "awaiting_payment",
    fulfillment: "pickup",
    stationId: "stn_huimin",
    paymentMethod: "online",
    paymentStatus: "needs_review",
    reviewReason: `paid ${taken} cny for ${total} cny`,
    subtotalFen: total,
    totalFen: total,
    holdExpiresAt: new Date(placed.getTime() + 15 * minute),
    idempotencyKey: "demo-review-1-0000000000",
    placedAt: placed,
  });
  await tx.insert(s.orderLines).values({
    id: "oln_demo_review",
    orderId: DEMO_REVIEW_ORDER,
    coopId: v.coopId,
    productId: v.productId,
    variantId,
    productNameZh: v.nameZh,
    productNameEn: v.nameEn,
    variantLabelZh: v.labelZh,
    variantLabelEn: v.labelEn,
    coopNameZh: v.coopNameZh,
    coopNameEn: v.coopNameEn,
    unitPriceFen: v.priceFen,
    quantity: 1,
    lineTotalFen: total,
  });
  await tx.insert(s.orderEvents).values({
    orderId: DEMO_REVIEW_ORDER,
    fromStatus: null,
    toStatus: "awaiting_payment",
    actorId: buyerId,
    at: placed,
  });
  const [stock] = await tx
    .update(s.variants)
    .set({ stock: sql`${s.variants.stock} - 1` })
    .where(eq(s.variants.id, variantId))
    .returning({ stock: s.variants.stock });
  await tx.insert(s.inventoryMovements).values({
    variantId,
    delta: -1,
    stockAfter: stock!.stock,
    reason: "order",
    refType: "order",
    refId: DEMO_REVIEW_ORDER,
    actorId: buyerId,
  });
  await tx.insert(s.payments).values({
    id: "pay_demo_review",
    orderId: DEMO_REVIEW_ORDER,
    attempt: 1,
    checkoutSessionId: "cs_demo_review",
    paymentIntentId: "pi_demo_review",
    amountFen: taken,
    status: "paid",
    methodType: "alipay",
    createdAt: placed,
    updatedAt: new Date(placed.getTime() + 5 * minute),
  });
}
