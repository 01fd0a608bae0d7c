import "server-only";
import { and, desc, eq, gte, inArray, ne, sql } from "drizzle-orm";
import { getDb, schema as s, type DbOrTx } from "../db";
import type { LiveDropDto, LiveSnapshot } from "./contract";
import { maskName } from "./contract";
import { eventRange } from "./events";
import { bagProducts } from "./products";
import { recentComments } from "./comments";

/** A drop as viewers see it; units left come from the drop row the purchases update. */
export async function dropDtos(db: DbOrTx, sessionId: string, dropIds?: string[]): Promise<LiveDropDto[]> {
  const rows = await db
    .select({
      d: s.liveDrops,
      nameZh: s.products.nameZh,
      nameEn: s.products.nameEn,
      labelZh: s.variants.labelZh,
      labelEn: s.variants.labelEn,
      regular: s.variants.priceFen,
    })
    .from(s.liveDrops)
    .innerJoin(s.products, eq(s.products.id, s.liveDrops.productId))
    .innerJoin(s.variants, eq(s.variants.id, s.liveDrops.variantId))
    .where(and(eq(s.liveDrops.sessionId, sessionId), dropIds ? inArray(s.liveDrops.id, dropIds) : undefined))
    .orderBy(desc(s.liveDrops.createdAt))
    .limit(20);
  return rows.map(({ d, ...r }) => ({
    id: d.id,
    productId: d.productId,
    variantId: d.variantId,
    nameZh: r.nameZh,
    nameEn: r.nameEn,
    variantLabelZh: r.labelZh,
    variantLabelEn: r.labelEn,
    priceFen: d.priceFen,
    regularPriceFen: r.regular,
    quantityCap: d.quantityCap,
    unitsLeft: d.quantityCap - d.sold,
    perBuyerLimit: d.perBuyerLimit,
    opensAt: d.opensAt.toISOString(),
    closesAt: d.closesAt.toISOString(),
    status: d.status,
  }));
}

/** The order ticker: masked names of the latest buyers and how many ordered in this session. */
export async function ticker(db: DbOrTx, sessionId: string): Promise<LiveSnapshot["ticker"]> {
  const recent = await db
    .select({ name: s.users.name })
    .from(s.orders)
    .innerJoin(s.users, eq(s.users.id, s.orders.buyerId))
    .where(and(eq(s.orders.liveSessionId, sessionId), ne(s.orders.status, "cancelled")))
    .orderBy(desc(s.orders.placedAt))
    .limit(3);
  const [total] = await db
    .select({ n: sql<number>`count(distinct ${s.orders.buyerId})::int` })
    .from(s.orders)
    .where(and(eq(s.orders.liveSessionId, sessionId), ne(s.orders.status, "cancelled")));
  return { buyers: recent.map((r) => maskName(r.name)), count: total?.n ?? 0 };
}

/** Viewers across every app instance that reported in the last 15 s. */
export async function viewerCount(db: DbOrTx, sessionId: string, at: Date): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`coalesce(sum(${s.livePresence.viewers}), 0)::int` })
    .from(s.livePresence)
    .where(
      and(eq(s.livePresence.sessionId, sessionId), gte(s.livePresence.updatedAt, new Date(at.getTime() - 15_000))),
    );
  return row?.n ?? 0;
}

/** The whole screen of a session, as sent to a viewer who connects or cannot resume. */
export async function buildSnapshot(sessionId: string, at: Date): Promise<LiveSnapshot | null> {
  const db = await getDb();
  const [session] = await db.select().from(s.liveSessions).where(eq(s.liveSessions.id, sessionId));
  if (!session || session.status === "cancelled") return null;
  const { last } = await eventRange(db, sessionId);
  const bag = await bagProducts(db, sessionId);
  const drops = (await dropDtos(db, sessionId)).filter(
    (d) => d.status === "open" || Date.parse(d.closesAt) > at.getTime() - 10 * 60_000,
  );
  return {
    sessionId,
    status: session.status,
    title: session.title,
    startedAt: session.startedAt?.toISOString() ?? null,
    endedAt: session.endedAt?.toISOString() ?? null,
    pinned: bag.find((b) => b.productId === session.pinnedProductId) ?? null,
    bag,
    drops,
    viewers: await viewerCount(db, sessionId, at),
    ticker: await ticker(db, sessionId),
    comments: await recentComments(db, sessionId),
    likes: session.likes,
    lastEventId: last,
  };
}
