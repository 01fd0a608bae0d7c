import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { assertCoopMember, assertViewer } from "../auth";
import type { Viewer } from "../auth/contract";
import { AppError } from "../core/errors";
import { newId } from "../core/ids";
import { getDb, schema as s } from "../db";
import { localInputInstant } from "../stations/contract";
import type { CreateCampaignInput } from "./contract";

/** A cooperative member opens a group-buy campaign on one of their cooperative's published variants. */
export async function createCampaign(viewer: Viewer | null, input: CreateCampaignInput): Promise<{ id: string }> {
  assertViewer(viewer);
  const db = await getDb();
  const id = newId("cmp");
  await db.transaction(async (tx) => {
    const [variant] = await tx
      .select({
        id: s.variants.id,
        coopId: s.products.coopId,
        productStatus: s.products.status,
        variantStatus: s.variants.status,
      })
      .from(s.variants)
      .innerJoin(s.products, eq(s.products.id, s.variants.productId))
      .where(eq(s.variants.id, input.variantId));
    if (!variant) throw new AppError("NOT_FOUND", "variant not found");
    assertCoopMember(viewer, variant.coopId);
    if (variant.productStatus !== "published" || variant.variantStatus !== "active") {
      throw new AppError("VALIDATION", "the product must be on sale", { fields: { variantId: ["not_on_sale"] } });
    }
    const stationIds =
      input.stations === "all" ? [] : [...new Set(Array.isArray(input.stations) ? input.stations : [input.stations])];
    if (input.stations !== "all") {
      const found = stationIds.length
        ? await tx
            .select({ id: s.stations.id })
            .from(s.stations)
            .where(and(inArray(s.stations.id, stationIds), eq(s.stations.status, "active")))
        : [];
      if (!stationIds.length || found.length !== stationIds.length) {
        throw new AppError("VALIDATION", "unknown station", { fields: { stations: ["unknown_station"] } });
      }
    }
    await tx.insert(s.campaigns).values({
      id,
      coopId: variant.coopId,
      variantId: variant.id,
      titleZh: input.titleZh,
      titleEn: input.titleEn,
      priceFen: input.price,
      stockCap: input.stockCap,
      minTotalQuantity: typeof input.minTotalQuantity === "number" ? input.minTotalQuantity : null,
      opensAt: localInputInstant(input.opensAt),
      closesAt: localInputInstant(input.closesAt),
      pickupDay: input.pickupDay,
      allStations: input.stations === "all",
    });
    if (stationIds.length)
      await tx.insert(s.campaignStations).values(stationIds.map((stationId) => ({ campaignId: id, stationId })));
  });
  return { id };
}
