import "server-only";
import { publicPagesChanged } from "../core/public-pages";
import type { CoopCardDto, ProductCardDto } from "./contract";
import type { CatalogFilterOptions, CatalogPage, CatalogQuery, CoopPageDto, ProductPageDto } from "./contract-browse";
import { getCoopPage, listCoopProducts } from "./coop-page";
import { listFilterOptions } from "./filter-options";
import { getProductPage, readVariantStock } from "./product-page";
import { listCoops, listFeaturedProducts } from "./queries";
import { ReadCache } from "./read-cache";
import { searchProducts } from "./search";

/**
 * The shop's pages read the catalog through these. Every instance keeps what it read for
 * PUBLIC_CATALOG_TTL_MS, so a busy page costs no query; catalog writes in this process forget it at once
 * (see manage.ts), other instances see them within the TTL. Stock on the product page is always read fresh;
 * the "only N left" of a product card may lag by the TTL.
 */
export const PUBLIC_CATALOG_TTL_MS = 2_000;

const listings = new ReadCache<CatalogPage>(PUBLIC_CATALOG_TTL_MS, 300);
const products = new ReadCache<ProductPageDto | null>(PUBLIC_CATALOG_TTL_MS, 500);
const coops = new ReadCache<CoopPageDto | null>(PUBLIC_CATALOG_TTL_MS, 200);
const coopProducts = new ReadCache<CatalogPage>(PUBLIC_CATALOG_TTL_MS, 200);
const filterOptions = new ReadCache<CatalogFilterOptions>(PUBLIC_CATALOG_TTL_MS, 1);
const coopCards = new ReadCache<CoopCardDto[]>(PUBLIC_CATALOG_TTL_MS, 1);
const featured = new ReadCache<ProductCardDto[]>(PUBLIC_CATALOG_TTL_MS, 4);
const all = [listings, products, coops, coopProducts, filterOptions, coopCards, featured];

/** Drops every remembered catalog read of this process; called after each catalog write. */
export function forgetPublicCatalog(): void {
  for (const cache of all) cache.clear();
  publicPagesChanged();
}

export function readCatalogPage(query: CatalogQuery): Promise<CatalogPage> {
  return listings.get(JSON.stringify(query), () => searchProducts(query));
}

export function readFilterOptions(): Promise<CatalogFilterOptions> {
  return filterOptions.get("all", () => listFilterOptions());
}

export function readCoopCards(): Promise<CoopCardDto[]> {
  return coopCards.get("all", () => listCoops());
}

export function readFeaturedProducts(limit: number): Promise<ProductCardDto[]> {
  return featured.get(String(limit), () => listFeaturedProducts(limit));
}

export function readCoopPage(slug: string): Promise<CoopPageDto | null> {
  return coops.get(slug, () => getCoopPage(slug));
}

export function readCoopProducts(coopSlug: string): Promise<CatalogPage> {
  return coopProducts.get(coopSlug, () => listCoopProducts(coopSlug));
}

/** The product page: its text from the memo, the stock of each variant as it is now. */
export async function readProductPage(slug: string): Promise<ProductPageDto | null> {
  const product = await products.get(slug, () => getProductPage(slug));
  if (!product) return null;
  const stock = await readVariantStock(product.id);
  // A variant archived since the memo was filled is gone from `stock`, so it is not offered.
  const variants = product.variants.filter((v) => stock.has(v.id)).map((v) => ({ ...v, stock: stock.get(v.id) ?? 0 }));
  return { ...product, variants };
}
