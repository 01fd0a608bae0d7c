import { z } from "zod";
import { parseYuan } from "../core/money";
import { categories } from "./contract-categories";

export const certificationKeys = ["green_food", "geo_indication", "pollution_free", "organic"] as const;
export const productStatuses = ["draft", "published", "archived"] as const;
export type ProductStatus = (typeof productStatuses)[number];

const text = (max: number) => z.string().trim().max(max, "too_long");
const required = (max: number) => z.string().trim().min(1, "required").max(max, "too_long");

/** Checkboxes arrive as one value or several; an unchecked set arrives as nothing. */
const certifications = z
  .union([z.enum(certificationKeys), z.array(z.enum(certificationKeys))])
  .optional()
  .transform((v) => [...new Set(v === undefined ? [] : Array.isArray(v) ? v : [v])]);

export const productFields = {
  slug: z
    .string()
    .trim()
    .min(2, "required")
    .max(80, "too_long")
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "invalid_slug"),
  category: z.enum(categories),
  nameZh: required(60),
  nameEn: required(80),
  namePinyin: text(120)
    .transform((v) => v.toLowerCase())
    .pipe(z.string().regex(/^[a-z ]*$/, "invalid_pinyin")),
  summaryZh: text(120),
  summaryEn: text(160),
  descriptionZh: text(4000),
  descriptionEn: text(6000),
  originVillageZh: required(60),
  originVillageEn: required(80),
  originTownZh: required(30),
  originTownEn: required(40),
  harvestBatch: text(60),
  harvestedOn: z.union([z.literal(""), z.iso.date("invalid")]),
  certifications,
};

export const createProductInput = z.strictObject({ coopId: z.string().min(1).max(64), ...productFields });
export const updateProductInput = z.strictObject({ productId: z.string().min(1).max(64), ...productFields });
export type CreateProductInput = z.infer<typeof createProductInput>;

export const changeProductStatusInput = z.strictObject({
  productId: z.string().min(1).max(64),
  status: z.enum(productStatuses),
});

/** A price typed in yuan ("69.80") becomes integer fen; it must be above zero. */
export const yuanPrice = z
  .string()
  .trim()
  .transform((v, ctx) => {
    const fen = parseYuan(v);
    if (fen === null || fen <= 0 || fen > 100_000_000) {
      ctx.addIssue({ code: "custom", message: "invalid_price" });
      return z.NEVER;
    }
    return fen;
  });

export const variantFields = {
  labelZh: required(30),
  labelEn: required(40),
  sku: z
    .string()
    .trim()
    .min(1, "required")
    .max(40, "too_long")
    .regex(/^[A-Za-z0-9_-]+$/, "invalid_sku")
    .transform((v) => v.toUpperCase()),
  price: yuanPrice,
  weightGrams: z.union([z.literal(""), z.string().trim().regex(/^\d{1,6}$/, "invalid").transform(Number)]).optional(),
};

export const createVariantInput = z.strictObject({ productId: z.string().min(1).max(64), ...variantFields });
export const updateVariantInput = z.strictObject({ variantId: z.string().min(1).max(64), ...variantFields });
export const archiveVariantInput = z.strictObject({ variantId: z.string().min(1).max(64) });

export interface EditableVariantDto {
  id: string;
  sku: string;
  labelZh: string;
  labelEn: string;
  priceFen: number;
  stock: number;
  weightGrams: number | null;
  status: "active" | "archived";
}

export interface EditableProductDto {
  id: string;
  coopId: string;
  slug: string;
  category: string;
  nameZh: string;
  nameEn: string;
  namePinyin: string;
  summaryZh: string;
  summaryEn: string;
  descriptionZh: string;
  descriptionEn: string;
  originVillageZh: string;
  originVillageEn: string;
  originTownZh: string;
  originTownEn: string;
  harvestBatch: string;
  harvestedOn: string;
  certifications: string[];
  imagePath: string | null;
  status: ProductStatus;
  variants: EditableVariantDto[];
}
