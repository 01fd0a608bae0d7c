import "server-only";
import { and, asc, desc, eq, inArray, ne, sql } from "drizzle-orm";
import { assertWorkspace } from "../auth";
import type { Viewer } from "../auth/contract";
import { now } from "../core/clock";
import { AppError } from "../core/errors";
import { getDb, schema as s, type DbOrTx } from "../db";
import type { AgreementDetailDto, AgreementDto, AgreementProductDto, AgreementSide, AgreementStatus } from "./contract";
import { carryingTerms, shanghaiDay } from "./terms";

/** The last day a period includes: the day before its (exclusive) end instant. */
const lastDay = (endsAt: Date) => shanghaiDay(new Date(endsAt.getTime() - 1));

type Row = typeof s.carryingAgreements.$inferSelect;

async function toDtos(db: DbOrTx, rows: Row[], at: Date): Promise<AgreementDto[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const [coops, users, products] = await Promise.all([
    db
      .select({ id: s.cooperatives.id, nameZh: s.cooperatives.nameZh, nameEn: s.cooperatives.nameEn })
      .from(s.cooperatives)
      .where(inArray(s.cooperatives.id, [...new Set(rows.map((r) => r.coopId))])),
    db
      .select({ id: s.users.id, name: s.users.name })
      .from(s.users)
      .where(inArray(s.users.id, [...new Set(rows.map((r) => r.streamerId))])),
    db
      .select({
        agreementId: s.carryingAgreementProducts.agreementId,
        id: s.products.id,
        nameZh: s.products.nameZh,
        nameEn: s.products.nameEn,
      })
      .from(s.carryingAgreementProducts)
      .innerJoin(s.products, eq(s.products.id, s.carryingAgreementProducts.productId))
      .where(inArray(s.carryingAgreementProducts.agreementId, ids))
      .orderBy(asc(s.products.nameZh)),
  ]);
  return rows.map((r) => {
    const coop = coops.find((c) => c.id === r.coopId);
    return {
      id: r.id,
      streamerId: r.streamerId,
      streamerName: users.find((u) => u.id === r.streamerId)?.name ?? "",
      coopId: r.coopId,
      coopNameZh: coop?.nameZh ?? "",
      coopNameEn: coop?.nameEn ?? "",
      status: r.status,
      awaiting: r.awaiting,
      allProducts: r.allProducts,
      products: products
        .filter((p) => p.agreementId === r.id)
        .map((p) => ({ id: p.id, nameZh: p.nameZh, nameEn: p.nameEn })),
      rateBps: r.rateBps,
      startsAt: r.startsAt,
      endsAt: r.endsAt,
      startsOn: shanghaiDay(r.startsAt),
      endsOn: lastDay(r.endsAt),
      endedAt: r.endedAt,
      inForce: r.status === "active" && r.startsAt <= at && at < r.endsAt,
      phase: r.status !== "active" ? null : at < r.startsAt ? "notStarted" : at < r.endsAt ? "inForce" : "expired",
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
    };
  });
}

/**
 * One side's agreements, newest first: the streamer's own, or one cooperative's (the viewer must be a member:
 * another cooperative's answers NOT_FOUND).
 */
export async function listAgreements(
  viewer: Viewer | null,
  side: AgreementSide,
  coopId?: string,
): Promise<AgreementDto[]> {
  assertWorkspace(viewer, side);
  if (side === "coop" && (!coopId || !viewer.caps.coopIds.includes(coopId)))
    throw new AppError("NOT_FOUND", "cooperative not found");
  const db = await getDb();
  const rows = await db
    .select()
    .from(s.carryingAgreements)
    .where(
      side === "streamer"
        ? eq(s.carryingAgreements.streamerId, viewer.userId)
        : eq(s.carryingAgreements.coopId, coopId!),
    )
    .orderBy(desc(s.carryingAgreements.updatedAt))
    .limit(200);
  return toDtos(db, rows, now());
}

const OPEN: AgreementStatus[] = ["proposed", "countered"];

/** One agreement with its whole history, as one side sees it (someone else's answers NOT_FOUND). */
export async function getAgreement(
  viewer: Viewer | null,
  side: AgreementSide,
  agreementId: string,
): Promise<AgreementDetailDto> {
  assertWorkspace(viewer, side);
  const db = await getDb();
  const [row] = await db.select().from(s.carryingAgreements).where(eq(s.carryingAgreements.id, agreementId));
  const mine =
    row && (side === "streamer" ? row.streamerId === viewer.userId : viewer.caps.coopIds.includes(row.coopId));
  if (!row || !mine) throw new AppError("NOT_FOUND", "agreement not found");
  const at = now();
  const [dto] = await toDtos(db, [row], at);
  const events = await db
    .select({ e: s.carryingAgreementEvents, actorName: s.users.name })
    .from(s.carryingAgreementEvents)
    .leftJoin(s.users, eq(s.users.id, s.carryingAgreementEvents.actorId))
    .where(eq(s.carryingAgreementEvents.agreementId, row.id))
    .orderBy(asc(s.carryingAgreementEvents.id));
  const negotiating = OPEN.includes(row.status);
  const myTurn = negotiating && row.awaiting === side;
  return {
    ...dto!,
    viewerSide: side,
    can: {
      accept: myTurn && row.endsAt > at,
      reject: myTurn,
      counter: myTurn,
      withdraw: side === "streamer" && negotiating,
      end: row.status === "active",
    },
    coopProducts: await coopProducts(db, row.coopId),
    history: events.map(({ e, actorName }) => ({
      id: e.id,
      side: e.side,
      action: e.action,
      actorName,
      rateBps: e.rateBps,
      startsAt: e.startsAt,
      endsAt: e.endsAt,
      startsOn: e.startsAt ? shanghaiDay(e.startsAt) : null,
      endsOn: e.endsAt ? lastDay(e.endsAt) : null,
      productIds: e.productIds,
      note: e.note,
      createdAt: e.createdAt,
    })),
  };
}

async function coopProducts(db: DbOrTx, coopId: string): Promise<AgreementProductDto[]> {
  return db
    .select({ id: s.products.id, nameZh: s.products.nameZh, nameEn: s.products.nameEn })
    .from(s.products)
    .where(and(eq(s.products.coopId, coopId), ne(s.products.status, "archived")))
    .orderBy(asc(s.products.nameZh));
}

export interface ProposableCoopDto {
  id: string;
  nameZh: string;
  nameEn: string;
  products: AgreementProductDto[];
}

/** The propose form: every approved cooperative with its products that could be carried. */
export async function listProposableCoops(viewer: Viewer | null): Promise<ProposableCoopDto[]> {
  assertWorkspace(viewer, "streamer");
  const db = await getDb();
  const rows = await db
    .select({
      coopId: s.cooperatives.id,
      coopNameZh: s.cooperatives.nameZh,
      coopNameEn: s.cooperatives.nameEn,
      id: s.products.id,
      nameZh: s.products.nameZh,
      nameEn: s.products.nameEn,
    })
    .from(s.cooperatives)
    .leftJoin(s.products, and(eq(s.products.coopId, s.cooperatives.id), eq(s.products.status, "published")))
    .where(eq(s.cooperatives.status, "approved"))
    .orderBy(asc(s.cooperatives.nameZh), asc(s.products.nameZh));
  const out: ProposableCoopDto[] = [];
  for (const r of rows) {
    let c = out.find((x) => x.id === r.coopId);
    if (!c) out.push((c = { id: r.coopId, nameZh: r.coopNameZh, nameEn: r.coopNameEn, products: [] }));
    if (r.id) c.products.push({ id: r.id, nameZh: r.nameZh!, nameEn: r.nameEn! });
  }
  return out;
}

/**
 * The published products the streamer carries right now (for the bag editor): of every cooperative with an
 * agreement in force, all its products or the chosen ones.
 */
export async function listCarriedProducts(viewer: Viewer | null): Promise<AgreementProductDto[]> {
  assertWorkspace(viewer, "streamer");
  const db = await getDb();
  const at = now();
  const coops = await db
    .selectDistinct({ coopId: s.carryingAgreements.coopId })
    .from(s.carryingAgreements)
    .where(
      and(
        eq(s.carryingAgreements.streamerId, viewer.userId),
        eq(s.carryingAgreements.status, "active"),
        sql`${s.carryingAgreements.startsAt} <= ${at} and ${s.carryingAgreements.endsAt} > ${at}`,
      ),
    );
  if (!coops.length) return [];
  const candidates = await db
    .select({ id: s.products.id, nameZh: s.products.nameZh, nameEn: s.products.nameEn })
    .from(s.products)
    .where(
      and(
        inArray(
          s.products.coopId,
          coops.map((c) => c.coopId),
        ),
        eq(s.products.status, "published"),
      ),
    )
    .orderBy(asc(s.products.nameZh))
    .limit(500);
  const terms = await carryingTerms(
    db,
    viewer.userId,
    candidates.map((p) => p.id),
    at,
  );
  return candidates.filter((p) => terms.has(p.id));
}
