import "server-only";
import { and, asc, count, desc, eq, min, sql, sum } from "drizzle-orm";
import { getDb, schema as s, type DbOrTx } from "../db";
import type { CoopCardDto, ProductCardDto } from "./contract";

const p = s.products;
const v = s.variants;
const c = s.cooperatives;

/** Product cards with their lowest active price and total stock; callers add the published/approved filter. */
export function productCardQuery(db: DbOrTx) {
  return db
    .select({
      id: p.id,
      slug: p.slug,
      nameZh: p.nameZh,
      nameEn: p.nameEn,
      summaryZh: p.summaryZh,
      summaryEn: p.summaryEn,
      category: p.category,
      imagePath: p.imagePath,
      coopSlug: c.slug,
      coopNameZh: c.nameZh,
      coopNameEn: c.nameEn,
      originTownZh: p.originTownZh,
      originTownEn: p.originTownEn,
      minPriceFen: sql<number>`coalesce(${min(v.priceFen)}, 0)::int`,
      totalStock: sql<number>`coalesce(${sum(v.stock)}, 0)::int`,
      publishedAt: p.publishedAt,
    })
    .from(p)
    .innerJoin(c, eq(c.id, p.coopId))
    .leftJoin(v, and(eq(v.productId, p.id), eq(v.status, "active")))
    .groupBy(p.id, c.id)
    .$dynamic();
}

export async function listFeaturedProducts(limit = 8, db?: DbOrTx): Promise<ProductCardDto[]> {
  const rows = await productCardQuery(db ?? (await getDb()))
    .where(and(eq(p.status, "published"), eq(c.status, "approved")))
    .orderBy(desc(p.publishedAt), asc(p.slug))
    .limit(limit);
  return rows.map(({ publishedAt: _, ...r }) => r);
}

export async function listCoops(db?: DbOrTx): Promise<CoopCardDto[]> {
  return (db ?? (await getDb()))
    .select({
      id: c.id,
      slug: c.slug,
      nameZh: c.nameZh,
      nameEn: c.nameEn,
      villageZh: c.villageZh,
      villageEn: c.villageEn,
      imagePath: c.imagePath,
      productCount: sql<number>`(${count(p.id)})::int`,
    })
    .from(c)
    .leftJoin(p, and(eq(p.coopId, c.id), eq(p.status, "published")))
    .where(eq(c.status, "approved"))
    .groupBy(c.id)
    .orderBy(asc(c.createdAt), asc(c.slug));
}
