import "server-only";
import { and, eq, gt, lte, sql } from "drizzle-orm";
import { assertViewer, enforce } from "../auth";
import type { Viewer } from "../auth/contract";
import { AppError } from "../core/errors";
import { now } from "../core/clock";
import { getDb, schema as s, type Tx } from "../db";
import { orderForKey, placeOnce, placeOrder, type PlacedOrder } from "../orders";
import type { OrderCampaignInput } from "./contract";

/**
 * A buyer orders from a campaign to one of its stations, at the campaign price. One transaction: the
 * campaign's cap is taken with a conditional UPDATE (judged by the server clock), then the variant's stock,
 * then the order joins that station's batch for the campaign's pickup day. Or nothing is written.
 */
export async function orderFromCampaign(viewer: Viewer | null, input: OrderCampaignInput): Promise<PlacedOrder> {
  assertViewer(viewer);
  await enforce(`checkout:user:${viewer.userId}`, { max: 30, windowSeconds: 60 }, "checkouts");
  const db = await getDb();
  return placeOnce(db, {
    replay: (d) => orderForKey(d, viewer.userId, input.idempotencyKey),
    place: async (tx) => {
      const at = now();
      const [campaign] = await tx
        .update(s.campaigns)
        .set({ sold: sql`${s.campaigns.sold} + ${input.quantity}` })
        .where(
          and(
            eq(s.campaigns.id, input.campaignId),
            eq(s.campaigns.status, "open"),
            lte(s.campaigns.opensAt, at),
            gt(s.campaigns.closesAt, at),
            sql`${s.campaigns.sold} + ${input.quantity} <= ${s.campaigns.stockCap}`,
          ),
        )
        .returning();
      if (!campaign) throw await whyNot(tx, input.campaignId, at);
      if (!campaign.allStations) {
        const [served] = await tx
          .select({ id: s.campaignStations.stationId })
          .from(s.campaignStations)
          .where(
            and(eq(s.campaignStations.campaignId, campaign.id), eq(s.campaignStations.stationId, input.stationId)),
          );
        if (!served)
          throw new AppError("VALIDATION", "station not served", { fields: { stationId: ["unknown_station"] } });
      }
      return placeOrder(tx, {
        buyerId: viewer.userId,
        channel: "campaign",
        lines: [{ variantId: campaign.variantId, quantity: input.quantity }],
        unitPriceFen: () => campaign.priceFen,
        fulfillment: { kind: "pickup", stationId: input.stationId },
        paymentMethod: "pay_at_pickup",
        idempotencyKey: input.idempotencyKey,
        at,
        pickupDay: campaign.pickupDay,
        batchOpenUntil: campaign.closesAt,
        campaignId: campaign.id,
      });
    },
  });
}

async function whyNot(tx: Tx, id: string, at: Date): Promise<AppError> {
  const [c] = await tx.select().from(s.campaigns).where(eq(s.campaigns.id, id));
  if (!c) return new AppError("NOT_FOUND", "campaign not found");
  if (c.status !== "open" || at < c.opensAt || at >= c.closesAt)
    return new AppError("NOT_OPEN", "campaign is not open");
  return new AppError("SOLD_OUT", "campaign cap reached", { params: { name: c.titleZh, left: c.stockCap - c.sold } });
}
