import "server-only";
import { and, asc, desc, eq, inArray, ne, sql } from "drizzle-orm";
import { assertCoopMember } from "../auth";
import type { Viewer } from "../auth/contract";
import { getDb, schema as s, type DbOrTx } from "../db";
import type { CampaignCardDto, CampaignDetailDto } from "./contract";

const c = s.campaigns;

function cardQuery(db: DbOrTx) {
  return db
    .select({
      id: c.id,
      titleZh: c.titleZh,
      titleEn: c.titleEn,
      productSlug: s.products.slug,
      productNameZh: s.products.nameZh,
      productNameEn: s.products.nameEn,
      variantLabelZh: s.variants.labelZh,
      variantLabelEn: s.variants.labelEn,
      imagePath: s.products.imagePath,
      coopNameZh: s.cooperatives.nameZh,
      coopNameEn: s.cooperatives.nameEn,
      priceFen: c.priceFen,
      regularPriceFen: s.variants.priceFen,
      stockCap: c.stockCap,
      sold: c.sold,
      minTotalQuantity: c.minTotalQuantity,
      opensAt: c.opensAt,
      closesAt: c.closesAt,
      pickupDay: c.pickupDay,
      status: c.status,
    })
    .from(c)
    .innerJoin(s.variants, eq(s.variants.id, c.variantId))
    .innerJoin(s.products, eq(s.products.id, s.variants.productId))
    .innerJoin(s.cooperatives, eq(s.cooperatives.id, c.coopId))
    .$dynamic();
}

/** Campaigns still open or about to open, soonest closing first. */
export async function listOpenCampaigns(limit = 24): Promise<CampaignCardDto[]> {
  const db = await getDb();
  return cardQuery(db).where(eq(c.status, "open")).orderBy(asc(c.closesAt)).limit(limit);
}

export async function getCampaign(id: string): Promise<CampaignDetailDto | null> {
  const d = await getDb();
  const [card] = await cardQuery(d).where(eq(c.id, id));
  if (!card) return null;
  const [row] = await d.select({ allStations: c.allStations }).from(c).where(eq(c.id, id));
  const stationCols = {
    id: s.stations.id,
    nameZh: s.stations.nameZh,
    nameEn: s.stations.nameEn,
    townZh: s.stations.townZh,
    townEn: s.stations.townEn,
    addressZh: s.stations.addressZh,
    addressEn: s.stations.addressEn,
  };
  const stations = row!.allStations
    ? await d
        .select(stationCols)
        .from(s.stations)
        .where(eq(s.stations.status, "active"))
        .orderBy(asc(s.stations.createdAt))
    : await d
        .select(stationCols)
        .from(s.campaignStations)
        .innerJoin(s.stations, eq(s.stations.id, s.campaignStations.stationId))
        .where(and(eq(s.campaignStations.campaignId, id), eq(s.stations.status, "active")))
        .orderBy(asc(s.stations.createdAt));
  return { ...card, stations };
}

export interface CoopCampaignDto extends CampaignCardDto {
  perStation: { stationNameZh: string; stationNameEn: string; orders: number; units: number }[];
}

/** A cooperative's campaigns with what each station has ordered. */
export async function listCoopCampaigns(viewer: Viewer | null, coopId: string): Promise<CoopCampaignDto[]> {
  assertCoopMember(viewer, coopId);
  const db = await getDb();
  const cards = await cardQuery(db).where(eq(c.coopId, coopId)).orderBy(desc(c.closesAt)).limit(100);
  if (!cards.length) return [];
  const totals = await db
    .select({
      campaignId: s.orders.campaignId,
      stationNameZh: s.stations.nameZh,
      stationNameEn: s.stations.nameEn,
      orders: sql<number>`count(distinct ${s.orders.id})::int`,
      units: sql<number>`coalesce(sum(${s.orderLines.quantity}), 0)::int`,
    })
    .from(s.orders)
    .innerJoin(s.orderLines, eq(s.orderLines.orderId, s.orders.id))
    .innerJoin(s.stations, eq(s.stations.id, s.orders.stationId))
    .where(
      and(
        inArray(
          s.orders.campaignId,
          cards.map((x) => x.id),
        ),
        ne(s.orders.status, "cancelled"),
      ),
    )
    .groupBy(s.orders.campaignId, s.stations.id);
  return cards.map((card) => ({
    ...card,
    perStation: totals.filter((t) => t.campaignId === card.id).map(({ campaignId: _, ...t }) => t),
  }));
}
