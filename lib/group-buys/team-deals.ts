import "server-only";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { assertCoopMember, assertViewer } from "../auth";
import type { Viewer } from "../auth/contract";
import { AppError } from "../core/errors";
import { newId } from "../core/ids";
import { now } from "../core/clock";
import { getDb, schema as s, type DbOrTx } from "../db";
import { localInputInstant } from "../stations/contract";
import type { CoopTeamDealDto, CreateTeamDealInput, TeamDealDto } from "./team-contract";

/**
 * A cooperative member offers a team deal on one of their cooperative's variants on sale. The team price
 * must be below the variant's price now (read from the database); every rule failing is a field error and
 * nothing is written.
 */
export async function createTeamDeal(viewer: Viewer | null, input: CreateTeamDealInput): Promise<{ id: string }> {
  assertViewer(viewer);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [variant] = await tx
      .select({
        id: s.variants.id,
        priceFen: s.variants.priceFen,
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
    if (input.teamPrice >= variant.priceFen) {
      throw new AppError("VALIDATION", "the team price must be below the normal price", {
        fields: { teamPrice: ["not_below_price"] },
      });
    }
    const id = newId("tdl");
    await tx.insert(s.teamDeals).values({
      id,
      coopId: variant.coopId,
      variantId: variant.id,
      teamPriceFen: input.teamPrice,
      teamSize: input.teamSize,
      formingMinutes: input.formingHours * 60,
      stockCap: input.stockCap,
      sameStationOnly: input.sameStationOnly,
      maxOpenTeamsPerBuyer: input.maxOpenTeamsPerBuyer,
      activeFrom: localInputInstant(input.activeFrom),
      activeTo: localInputInstant(input.activeTo),
    });
    return { id };
  });
}

/** The cooperative stops a deal taking new teams; teams already forming run to their end. */
export async function endTeamDeal(viewer: Viewer | null, dealId: string): Promise<void> {
  assertViewer(viewer);
  const db = await getDb();
  await db.transaction(async (tx) => {
    const deal = await ownDeal(tx, viewer, dealId);
    if (deal.status === "ended") return;
    await tx
      .update(s.teamDeals)
      .set({ status: "ended", activeTo: now(), updatedAt: now() })
      .where(and(eq(s.teamDeals.id, dealId), eq(s.teamDeals.status, "active")));
  });
}

/** A deal of one of the viewer's cooperatives; anyone else's (or none) is NOT_FOUND. */
async function ownDeal(db: DbOrTx, viewer: Viewer, dealId: string) {
  const [deal] = await db.select().from(s.teamDeals).where(eq(s.teamDeals.id, dealId));
  if (!deal || !viewer.caps.coopIds.includes(deal.coopId)) throw new AppError("NOT_FOUND", "deal not found");
  return deal;
}

export function dealQuery(db: DbOrTx) {
  const d = s.teamDeals;
  return db
    .select({
      id: d.id,
      coopId: d.coopId,
      variantId: d.variantId,
      productSlug: s.products.slug,
      productNameZh: s.products.nameZh,
      productNameEn: s.products.nameEn,
      variantLabelZh: s.variants.labelZh,
      variantLabelEn: s.variants.labelEn,
      imagePath: s.products.imagePath,
      teamPriceFen: d.teamPriceFen,
      regularPriceFen: s.variants.priceFen,
      teamSize: d.teamSize,
      formingMinutes: d.formingMinutes,
      stockCap: d.stockCap,
      committed: d.committed,
      sameStationOnly: d.sameStationOnly,
      maxOpenTeamsPerBuyer: d.maxOpenTeamsPerBuyer,
      activeFrom: d.activeFrom,
      activeTo: d.activeTo,
      status: d.status,
    })
    .from(d)
    .innerJoin(s.variants, eq(s.variants.id, d.variantId))
    .innerJoin(s.products, eq(s.products.id, s.variants.productId))
    .$dynamic();
}

/** A cooperative's deals with how their teams went: forming / completed / failed, conversion, units committed. */
export async function listCoopTeamDeals(viewer: Viewer | null, coopId: string): Promise<CoopTeamDealDto[]> {
  assertCoopMember(viewer, coopId);
  const db = await getDb();
  const deals: TeamDealDto[] = await dealQuery(db)
    .where(eq(s.teamDeals.coopId, coopId))
    .orderBy(desc(s.teamDeals.createdAt))
    .limit(100);
  if (!deals.length) return [];
  const ids = deals.map((d) => d.id);
  const teamCounts = await db
    .select({ dealId: s.teams.dealId, status: s.teams.status, n: sql<number>`count(*)::int` })
    .from(s.teams)
    .where(inArray(s.teams.dealId, ids))
    .groupBy(s.teams.dealId, s.teams.status);
  const memberCounts = await db
    .select({
      dealId: s.teams.dealId,
      members: sql<number>`count(*)::int`,
      units: sql<number>`coalesce(sum(${s.teamMembers.quantity}), 0)::int`,
    })
    .from(s.teamMembers)
    .innerJoin(s.teams, eq(s.teams.id, s.teamMembers.teamId))
    .where(
      and(
        inArray(s.teams.dealId, ids),
        inArray(s.teams.status, ["forming", "completed"]),
        inArray(s.teamMembers.status, ["pending_payment", "joined"]),
      ),
    )
    .groupBy(s.teams.dealId);
  return deals.map((deal) => {
    const count = (status: string) => teamCounts.find((c) => c.dealId === deal.id && c.status === status)?.n ?? 0;
    const teams = { forming: count("forming"), completed: count("completed"), failed: count("failed") };
    const ended = teams.completed + teams.failed;
    const m = memberCounts.find((c) => c.dealId === deal.id);
    return {
      ...deal,
      teams,
      conversion: ended ? teams.completed / ended : null,
      unitsCommitted: m?.units ?? 0,
      members: m?.members ?? 0,
    };
  });
}

/** One of the cooperative's deals with its latest teams (for the deal page); others' → NOT_FOUND. */
export async function getCoopTeamDeal(viewer: Viewer | null, dealId: string) {
  assertViewer(viewer);
  const db = await getDb();
  const own = await ownDeal(db, viewer, dealId);
  const [deal] = (await listCoopTeamDeals(viewer, own.coopId)).filter((d) => d.id === dealId);
  if (!deal) throw new AppError("NOT_FOUND", "deal not found");
  const teams = await db
    .select({
      id: s.teams.id,
      status: s.teams.status,
      size: s.teams.size,
      seats: s.teams.seats,
      expiresAt: s.teams.expiresAt,
      completedAt: s.teams.completedAt,
      failedAt: s.teams.failedAt,
      createdAt: s.teams.createdAt,
      stationNameZh: s.stations.nameZh,
      stationNameEn: s.stations.nameEn,
    })
    .from(s.teams)
    .leftJoin(s.stations, eq(s.stations.id, s.teams.stationId))
    .where(eq(s.teams.dealId, dealId))
    .orderBy(desc(s.teams.createdAt))
    .limit(100);
  return { deal, teams };
}
