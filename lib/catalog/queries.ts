import "server-only";
import { and, asc, count, desc, eq, sql } from "drizzle-orm";
import { getDb, schema as s, type DbOrTx } from "../db";
import type { CoopCardDto, ProductCardDto } from "./contract";

const p = s.products;
const c = s.cooperatives;

// Per-product aggregates as correlated subqueries: with ORDER BY … LIMIT they run only for the rows shown,
// instead of grouping every product's variants first.
export const minActivePrice = sql<number>`(select coalesce(min(vv.price_fen), 0) from variants vv where vv.product_id = ${p.id} and vv.status = 'active')::int`;
export const maxActivePrice = sql<number>`(select coalesce(max(vv.price_fen), 0) from variants vv where vv.product_id = ${p.id} and vv.status = 'active')::int`;
export const totalActiveStock = sql<number>`(select coalesce(sum(vv.stock), 0) from variants vv where vv.product_id = ${p.id} and vv.status = 'active')::int`;

/** What a product card shows of the product and its cooperative; prices and stock are added per query. */
export const productCardColumns = {
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
};

/** Product cards with their lowest active price and total stock; callers add the published/approved filter. */
export function productCardQuery(db: DbOrTx) {
  return db
    .select({
      ...productCardColumns,
      minPriceFen: minActivePrice,
      maxPriceFen: maxActivePrice,
      totalStock: totalActiveStock,
      publishedAt: p.publishedAt,
    })
    .from(p)
    .innerJoin(c, eq(c.id, p.coopId))
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
