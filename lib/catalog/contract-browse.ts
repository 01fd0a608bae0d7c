import { z } from "zod";
import { categories } from "./contract-categories";

export const sortKeys = ["newest", "price_asc", "price_desc", "best_selling"] as const;
export type SortKey = (typeof sortKeys)[number];
export const PAGE_SIZE = 24;

const yuan = z
  .string()
  .trim()
  .regex(/^\d{1,7}(\.\d{1,2})?$/)
  .transform((v) => Math.round(Number(v) * 100));

/** Query params of the catalog page. A bad value falls back to its default instead of failing the page. */
export const catalogQuery = z.object({
  q: z.string().trim().max(60).catch(""),
  category: z.enum(categories).optional().catch(undefined),
  coop: z.string().regex(/^[a-z0-9-]{1,80}$/).optional().catch(undefined),
  town: z.string().trim().max(30).optional().catch(undefined),
  min: yuan.optional().catch(undefined),
  max: yuan.optional().catch(undefined),
  sort: z.enum(sortKeys).catch("newest"),
  page: z.coerce.number().int().min(1).max(1000).catch(1),
});
export type CatalogQuery = z.infer<typeof catalogQuery>;

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
  harvestedOn: string | null;
  certifications: string[];
  variants: VariantDto[];
  coop: { slug: string; nameZh: string; nameEn: string; villageZh: string; villageEn: string; storyZh: string; storyEn: string; imagePath: string | null };
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
