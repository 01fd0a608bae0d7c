import { eq, sql } from "drizzle-orm";
import { newOrderNumber } from "../../core/ids";
import * as s from "../schema";
import type { Tx } from "../types";

/**
 * A 拼团 team deal on 湖墩大米 5 kg (team of 3, ¥59.90) with one team forming: 张小禾 opened it an hour
 * before the seed ran and picks up at the Daliu station, so a newcomer sees "还差 2 人成团" on the product
 * page. Written like a real entry: the order at the team price without a batch yet, its line, its timeline
 * event, the stock taken with its movement, and the deal's cap.
 */
export async function seedDemoTeams(tx: Tx): Promise<void> {
  const hour = 3_600_000;
  const start = Date.now();
  const opened = new Date(start - hour);
  const variantId = "var_hudun_5kg";
  const dealId = "tdl_demo_hudun";
  const teamId = "team_demo_hudun";
  const buyerId = "usr_demo_buyer";
  const priceFen = 5990;
  await tx.insert(s.teamDeals).values({
    id: dealId,
    coopId: "coop_daliu",
    variantId,
    teamPriceFen: priceFen,
    teamSize: 3,
    formingMinutes: 24 * 60,
    stockCap: 300,
    committed: 1,
    activeFrom: new Date(start - 24 * hour),
    activeTo: new Date(start + 30 * 24 * hour),
  });
  await tx.insert(s.teams).values({
    id: teamId,
    dealId,
    leaderId: buyerId,
    size: 3,
    seats: 1,
    expiresAt: new Date(opened.getTime() + 24 * 60 * 60_000),
    createdAt: opened,
  });
  const [v] = await tx
    .select({
      labelZh: s.variants.labelZh,
      labelEn: s.variants.labelEn,
      productId: s.products.id,
      nameZh: s.products.nameZh,
      nameEn: s.products.nameEn,
      coopNameZh: s.cooperatives.nameZh,
      coopNameEn: s.cooperatives.nameEn,
    })
    .from(s.variants)
    .innerJoin(s.products, eq(s.products.id, s.variants.productId))
    .innerJoin(s.cooperatives, eq(s.cooperatives.id, s.products.coopId))
    .where(eq(s.variants.id, variantId));
  const orderId = "ord_demo_team_hudun";
  await tx.insert(s.orders).values({
    id: orderId,
    number: newOrderNumber(opened),
    buyerId,
    status: "placed",
    channel: "team",
    fulfillment: "pickup",
    stationId: "stn_huimin",
    paymentMethod: "pay_at_pickup",
    subtotalFen: priceFen,
    totalFen: priceFen,
    idempotencyKey: "demo-team-hudun-0001",
    placedAt: opened,
  });
  await tx.insert(s.orderLines).values({
    id: "oln_demo_team_hudun",
    orderId,
    coopId: "coop_daliu",
    productId: v!.productId,
    variantId,
    productNameZh: v!.nameZh,
    productNameEn: v!.nameEn,
    variantLabelZh: v!.labelZh,
    variantLabelEn: v!.labelEn,
    coopNameZh: v!.coopNameZh,
    coopNameEn: v!.coopNameEn,
    unitPriceFen: priceFen,
    quantity: 1,
    lineTotalFen: priceFen,
  });
  await tx
    .insert(s.orderEvents)
    .values({ orderId, fromStatus: null, toStatus: "placed", actorId: buyerId, at: opened });
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
    refId: orderId,
    actorId: buyerId,
  });
  await tx.insert(s.teamMembers).values({
    id: "tmm_demo_hudun",
    teamId,
    userId: buyerId,
    orderId,
    quantity: 1,
    payMethod: "pay_at_pickup",
    status: "joined",
    joinedAt: opened,
  });
}
