import { z } from "zod";
import { parseYuan } from "../core/money";
import { categories } from "./contract-categories";
import type { ProductCardDto } from "./contract-cards";

export const sortKeys = ["newest", "price_asc", "price_desc", "best_selling"] as const;
export type SortKey = (typeof sortKeys)[number];
export const PAGE_SIZE = 24;
export const SEARCH_MAX_LENGTH = 60;
/** ¥1,000,000: far above any product, and safely inside the integer column a price is compared with. */
export const PRICE_FILTER_CAP_FEN = 100_000_000;

// A repeated parameter (?q=a&q=b) counts with its first value.
const first = (v: unknown) => (Array.isArray(v) ? v[0] : v);
const param = <T extends z.ZodType>(schema: T) => z.preprocess(first, schema);

const yuanToFen = param(z.string())
  .transform(parseYuan)
  .pipe(z.number().int().min(0))
  .transform((fen) => Math.min(fen, PRICE_FILTER_CAP_FEN))
  .optional()
  .catch(undefined);

/**
 * Query params of the catalog. A bad value falls back to its default instead of failing the page; a price
 * range typed the wrong way round (min above max) is read the right way round.
 */
export const catalogQuery = z
  .object({
    q: param(
      z
        .string()
        .trim()
        .transform((s) => s.slice(0, SEARCH_MAX_LENGTH)),
    ).catch(""),
    category: param(z.enum(categories)).optional().catch(undefined),
    coop: param(z.string().regex(/^[a-z0-9-]{1,80}$/))
      .optional()
      .catch(undefined),
    town: param(z.string().trim().min(1).max(30)).optional().catch(undefined),
    min: yuanToFen,
    max: yuanToFen,
    sort: param(z.enum(sortKeys)).catch("newest"),
    page: param(z.coerce.number().int().min(1).max(1000)).catch(1),
  })
  .transform((q) =>
    q.min !== undefined && q.max !== undefined && q.min > q.max ? { ...q, min: q.max, max: q.min } : q,
  );
export type CatalogQuery = z.output<typeof catalogQuery>;

/** Reads untrusted search params (a page's `searchParams`) into a valid query; never throws. */
export function parseCatalogQuery(params: Record<string, string | string[] | undefined>): CatalogQuery {
  return catalogQuery.parse(params);
}

export interface CatalogPage {
  products: ProductCardDto[];
  total: number;
  /** The page shown: a page past the end shows the last one. */
  page: number;
  pages: number;
}

export interface CatalogFilterOptions {
  coops: { slug: string; nameZh: string; nameEn: string }[];
  towns: { zh: string; en: string }[];
}

export interface VariantDto {
  id: string;
  labelZh: string;
  labelEn: string;
  priceFen: number;
  stock: number;
}

export interface ProductPageDto {
  id: string;
  slug: string;
  category: string;
  nameZh: string;
  nameEn: string;
  summaryZh: string;
  summaryEn: string;
  descriptionZh: string;
  descriptionEn: string;
  imagePath: string | null;
  originVillageZh: string;
  originVillageEn: string;
  originTownZh: string;
  originTownEn: string;
  harvestBatch: string | null;
  /** ISO date (yyyy-mm-dd). */
  harvestedOn: string | null;
  /** Keys of the `certifications` catalog namespace. */
  certifications: string[];
  variants: VariantDto[];
  coop: {
    slug: string;
    nameZh: string;
    nameEn: string;
    villageZh: string;
    villageEn: string;
    storyZh: string;
    storyEn: string;
    imagePath: string | null;
  };
}

export interface CoopPageDto {
  id: string;
  slug: string;
  nameZh: string;
  nameEn: string;
  villageZh: string;
  villageEn: string;
  townZh: string;
  townEn: string;
  storyZh: string;
  storyEn: string;
  phone: string | null;
  imagePath: string | null;
}
