import type { CatalogQuery } from "@/lib/catalog/contract";

type Overrides = Partial<{ [K in keyof CatalogQuery]: CatalogQuery[K] | undefined }>;

/** A catalog URL that keeps the current search and filters; defaults (page 1, newest) are left out. */
export function catalogHref(basePath: string, query: CatalogQuery, overrides: Overrides = {}): string {
  const merged = { ...query, ...overrides };
  const params = new URLSearchParams();
  if (merged.q) params.set("q", merged.q);
  if (merged.category) params.set("category", merged.category);
  if (merged.coop) params.set("coop", merged.coop);
  if (merged.town) params.set("town", merged.town);
  if (merged.min !== undefined) params.set("min", fenToYuanText(merged.min));
  if (merged.max !== undefined) params.set("max", fenToYuanText(merged.max));
  if (merged.sort && merged.sort !== "newest") params.set("sort", merged.sort);
  if (merged.page && merged.page > 1) params.set("page", String(merged.page));
  const search = params.toString();
  return search ? `${basePath}?${search}` : basePath;
}

/** 1990 → "19.9", 2000 → "20": what a person would type back into the price field. */
export function fenToYuanText(fen: number): string {
  return (fen / 100).toString();
}

export function hasFilters(query: CatalogQuery): boolean {
  return Boolean(query.q || query.coop || query.town || query.min !== undefined || query.max !== undefined);
}
