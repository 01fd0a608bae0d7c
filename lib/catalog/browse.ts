import "server-only";
import { and, asc, desc, eq, gte, ilike, lte, ne, or, sql, type SQL } from "drizzle-orm";
import { getDb, schema as s, type DbOrTx } from "../db";
import type { ProductCardDto } from "./contract";
import { PAGE_SIZE, type CatalogQuery, type CoopPageDto, type ProductPageDto } from "./contract-browse";
import { minActivePrice, productCardQuery } from "./queries";

const p = s.products;
const v = s.variants;
const c = s.cooperatives;

const likePattern = (text: string) => `%${text.replace(/[%_\\]/g, (m) => `\\${m}`)}%`;

/** Chinese, English or toneless pinyin (with or without spaces), and the cooperative's names. */
function searchCondition(q: string): SQL | undefined {
  const term = q.trim().toLowerCase();
  if (!term) return undefined;
  const like = likePattern(term);
  const squashed = likePattern(term.replace(/\s+/g, ""));
  return or(
    ilike(p.nameZh, like),
    ilike(p.nameEn, like),
    ilike(p.namePinyin, like),
    sql`replace(${p.namePinyin}, ' ', '') ilike ${squashed}`,
    ilike(c.nameZh, like),
    ilike(c.nameEn, like),
  );
}

const unitsSold = sql<number>`(select coalesce(sum(ol.quantity), 0) from order_lines ol where ol.product_id = ${p.id} and ol.status <> 'cancelled')`;

export interface CatalogPage {
  products: ProductCardDto[];
  total: number;
  page: number;
  pages: number;
}

/** The catalog: search, filters and sort come only from the validated query (allow-listed columns). */
export async function searchProducts(query: CatalogQuery, db?: DbOrTx): Promise<CatalogPage> {
  const d = db ?? (await getDb());
  const where = and(
    searchCondition(query.q),
    query.category ? eq(p.category, query.category) : undefined,
    query.coop ? eq(c.slug, query.coop) : undefined,
    query.town ? eq(p.originTownZh, query.town) : undefined,
  );
  const filter = and(
    eq(p.status, "published"),
    eq(c.status, "approved"),
    where,
    query.min !== undefined ? gte(minActivePrice, query.min) : undefined,
    query.max !== undefined ? lte(minActivePrice, query.max) : undefined,
  );
  const order = {
    newest: [desc(p.publishedAt), asc(p.slug)],
    price_asc: [asc(minActivePrice), asc(p.slug)],
    price_desc: [desc(minActivePrice), asc(p.slug)],
    best_selling: [desc(unitsSold), asc(p.slug)],
  }[query.sort];
  const rows = await productCardQuery(d)
    .where(filter)
    .orderBy(...order)
    .limit(PAGE_SIZE)
    .offset((query.page - 1) * PAGE_SIZE);
  const [count] = await d.select({ n: sql<number>`count(*)::int` }).from(p).innerJoin(c, eq(c.id, p.coopId)).where(filter);
  const total = count?.n ?? 0;
  return { products: rows.map(({ publishedAt: _, ...r }) => r), total, page: query.page, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)) };
}

/** Origin towns that have published products, for the filter. */
export async function listOriginTowns(db?: DbOrTx): Promise<{ zh: string; en: string }[]> {
  const d = db ?? (await getDb());
  return d
    .selectDistinct({ zh: p.originTownZh, en: p.originTownEn })
    .from(p)
    .innerJoin(c, eq(c.id, p.coopId))
    .where(and(eq(p.status, "published"), eq(c.status, "approved")))
    .orderBy(asc(p.originTownZh));
}

/** A published product of an approved cooperative, or null (404 for everything else). */
export async function getProductPage(slug: string, db?: DbOrTx): Promise<ProductPageDto | null> {
  const d = db ?? (await getDb());
  const [row] = await d
    .select({ product: p, coop: c })
    .from(p)
    .innerJoin(c, eq(c.id, p.coopId))
    .where(and(eq(p.slug, slug), eq(p.status, "published"), eq(c.status, "approved")));
  if (!row) return null;
  const variants = await d
    .select({ id: v.id, labelZh: v.labelZh, labelEn: v.labelEn, priceFen: v.priceFen, stock: v.stock })
    .from(v)
    .where(and(eq(v.productId, row.product.id), eq(v.status, "active")))
    .orderBy(asc(v.position), asc(v.id));
  const { product: x, coop } = row;
  return {
    id: x.id,
    slug: x.slug,
    category: x.category,
    nameZh: x.nameZh,
    nameEn: x.nameEn,
    summaryZh: x.summaryZh,
    summaryEn: x.summaryEn,
    descriptionZh: x.descriptionZh,
    descriptionEn: x.descriptionEn,
    imagePath: x.imagePath,
    originVillageZh: x.originVillageZh,
    originVillageEn: x.originVillageEn,
    originTownZh: x.originTownZh,
    originTownEn: x.originTownEn,
    harvestBatch: x.harvestBatch,
    harvestedOn: x.harvestedOn,
    certifications: x.certifications,
    variants,
    coop: {
      slug: coop.slug,
      nameZh: coop.nameZh,
      nameEn: coop.nameEn,
      villageZh: coop.villageZh,
      villageEn: coop.villageEn,
      storyZh: coop.storyZh,
      storyEn: coop.storyEn,
      imagePath: coop.imagePath,
    },
  };
}

/** Other published products of the same cooperative. */
export async function listCoopProducts(coopSlug: string, opts: { exceptProductId?: string; limit?: number } = {}, db?: DbOrTx): Promise<ProductCardDto[]> {
  const d = db ?? (await getDb());
  const rows = await productCardQuery(d)
    .where(and(eq(p.status, "published"), eq(c.status, "approved"), eq(c.slug, coopSlug), opts.exceptProductId ? ne(p.id, opts.exceptProductId) : undefined))
    .orderBy(desc(p.publishedAt), asc(p.slug))
    .limit(opts.limit ?? 48);
  return rows.map(({ publishedAt: _, ...r }) => r);
}

export async function getCoopPage(slug: string, db?: DbOrTx): Promise<CoopPageDto | null> {
  const d = db ?? (await getDb());
  const [coop] = await d
    .select({
      id: c.id,
      slug: c.slug,
      nameZh: c.nameZh,
      nameEn: c.nameEn,
      villageZh: c.villageZh,
      villageEn: c.villageEn,
      townZh: c.townZh,
      townEn: c.townEn,
      storyZh: c.storyZh,
      storyEn: c.storyEn,
      phone: c.phone,
      imagePath: c.imagePath,
    })
    .from(c)
    .where(and(eq(c.slug, slug), eq(c.status, "approved")));
  return coop ?? null;
}
