import "server-only";
import { and, asc, desc, eq, gte, lte, ne, or, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import { getDb, schema as s, type DbOrTx } from "../db";
import type { ProductCardDto } from "./contract";
import { productCardColumns } from "./queries";
import { PAGE_SIZE, type CatalogPage, type CatalogQuery, type SortKey } from "./contract-browse";

const p = s.products;
const c = s.cooperatives;
const v = s.variants;
const ol = s.orderLines;
const MAX_TERMS = 5;

/** Lower case, full-width letters folded, tone marks dropped: "Hú Dūn" → "hu dun", "ＨＵＤＵＮ" → "hudun". */
export function normalizeSearchText(q: string): string {
  return q.normalize("NFKD").replace(/\p{M}/gu, "").normalize("NFKC").toLowerCase().trim();
}

const escapeLike = (text: string) => text.replace(/[%_\\]/g, (m) => `\\${m}`);
const likePattern = (text: string) => `%${escapeLike(text)}%`;

// The names a person may search by, lower case and without spaces, so "hudun dami", "hudundami" and
// "hudun rice" all reach 湖墩大米 (pinyin "hu dun da mi", initials "hddm", English "Hudun Rice").
const compact = (column: SQLWrapper) => sql`replace(lower(${column}), ' ', '')`;
const productNames = [p.nameZh, p.nameEn, p.namePinyin, p.pinyinSyllables, p.pinyinInitials].map(compact);
const haystack = compact(
  sql`concat_ws('|', ${p.nameZh}, ${p.nameEn}, ${p.namePinyin}, ${p.pinyinSyllables}, ${p.pinyinInitials}, ${c.nameZh}, ${c.nameEn})`,
);

/**
 * Pinyin typed without spaces, matched syllable by syllable: each letter continues the syllable it is in, or
 * starts a later one, so "hudunmi" (hu·dun·mi) and "hdm" reach "hu dun da mi". A regular expression over the
 * derived syllables, as a bound parameter; the query holds only a-z, so nothing in it needs escaping.
 */
function syllablePattern(letters: string, fromFirstSyllable: boolean): string {
  const next = "(?:[^ ]* (?:[^ ]+ )*)?";
  return (fromFirstSyllable ? "^" : "(?:^| )") + [...letters].join(next);
}
const isPinyin = (term: string) => /^[a-z]{1,30}$/.test(term);

function terms(q: string): string[] {
  return normalizeSearchText(q).split(/\s+/).filter(Boolean).slice(0, MAX_TERMS);
}

/** Every word of the query must appear in one of the product's or its cooperative's names, or its pinyin. */
function searchCondition(q: string): SQL | undefined {
  const words = terms(q);
  return words.length
    ? and(
        ...words.map((term) =>
          or(
            sql`${haystack} like ${likePattern(term)}`,
            isPinyin(term) ? sql`${p.pinyinSyllables} ~ ${syllablePattern(term, false)}` : undefined,
          ),
        ),
      )
    : undefined;
}

/**
 * With a query, what it names comes first, before the chosen order: products one of whose names is the query
 * (spaces aside), then those whose name starts with it (the closest, the shortest name, first), then the rest.
 */
function relevance(q: string): SQL[] {
  const whole = terms(q).join("");
  if (!whole) return [];
  const exact = or(...productNames.map((name) => sql`${name} = ${whole}`));
  const prefix = or(
    ...productNames.map((name) => sql`${name} like ${`${escapeLike(whole)}%`}`),
    isPinyin(whole) ? sql`${p.pinyinSyllables} ~ ${syllablePattern(whole, true)}` : undefined,
  );
  return [
    sql`case when ${exact} then 0 when ${prefix} then 1 else 2 end`,
    sql`case when ${exact} or ${prefix} then char_length(${p.nameZh}) else 0 end`,
  ];
}

function offersOf(db: DbOrTx) {
  return db
    .select({
      productId: v.productId,
      minPriceFen: sql<number>`min(${v.priceFen})::int`.as("min_price_fen"),
      maxPriceFen: sql<number>`max(${v.priceFen})::int`.as("max_price_fen"),
      stock: sql<number>`sum(${v.stock})::int`.as("stock"),
    })
    .from(v)
    .where(eq(v.status, "active"))
    .groupBy(v.productId)
    .as("offer");
}

function salesOf(db: DbOrTx) {
  return db
    .select({ productId: ol.productId, units: sql<number>`sum(${ol.quantity})::int`.as("units") })
    .from(ol)
    .where(ne(ol.status, "cancelled"))
    .groupBy(ol.productId)
    .as("sales");
}

async function fetchPage(db: DbOrTx, query: CatalogQuery, page: number) {
  const offer = offersOf(db);
  const sales = salesOf(db);
  const orderings: Record<SortKey, SQL[]> = {
    newest: [desc(p.publishedAt), asc(p.slug)],
    price_asc: [asc(offer.minPriceFen), asc(p.slug)],
    price_desc: [desc(offer.minPriceFen), asc(p.slug)],
    best_selling: [sql`coalesce(${sales.units}, 0) desc`, desc(p.publishedAt), asc(p.slug)],
  };
  const base = db
    .select({
      ...productCardColumns,
      minPriceFen: offer.minPriceFen,
      maxPriceFen: offer.maxPriceFen,
      totalStock: offer.stock,
      total: sql<number>`(count(*) over ())::int`,
    })
    .from(p)
    .innerJoin(c, eq(c.id, p.coopId))
    // Inner join: a product with no variant on sale has no price, so it is not listed.
    .innerJoin(offer, eq(offer.productId, p.id))
    .$dynamic();
  // Units sold are summed only when they decide the order.
  const rows = query.sort === "best_selling" ? base.leftJoin(sales, eq(sales.productId, p.id)) : base;
  return rows
    .where(
      and(
        eq(p.status, "published"),
        eq(c.status, "approved"),
        searchCondition(query.q),
        query.category ? eq(p.category, query.category) : undefined,
        query.coop ? eq(c.slug, query.coop) : undefined,
        query.town ? eq(p.originTownZh, query.town) : undefined,
        query.min !== undefined ? gte(offer.minPriceFen, query.min) : undefined,
        query.max !== undefined ? lte(offer.minPriceFen, query.max) : undefined,
      ),
    )
    .orderBy(...relevance(query.q), ...orderings[query.sort])
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE);
}

/** One page of the catalog: published products of approved cooperatives, searched, filtered and sorted. */
export async function searchProducts(query: CatalogQuery, db?: DbOrTx): Promise<CatalogPage> {
  const d = db ?? (await getDb());
  let page = query.page;
  let rows = await fetchPage(d, query, page);
  if (rows.length === 0 && page > 1) {
    // Past the end (a hand-edited URL): learn the total from the first page, then show the last one.
    const firstPage = await fetchPage(d, query, 1);
    const last = Math.max(1, Math.ceil((firstPage[0]?.total ?? 0) / PAGE_SIZE));
    page = last;
    rows = last === 1 ? firstPage : await fetchPage(d, query, last);
  }
  const total = rows[0]?.total ?? 0;
  const products: ProductCardDto[] = rows.map(({ total: _total, ...card }) => card);
  return { products, total, page, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)) };
}
