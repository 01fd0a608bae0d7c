import { z } from "zod";
import { parseYuan } from "../core/money";
import { categories } from "./contract-categories";

export const certificationKeys = ["green_food", "geo_indication", "pollution_free", "organic"] as const;
export type CertificationKey = (typeof certificationKeys)[number];
export const productStatuses = ["draft", "published", "archived"] as const;
export type ProductStatus = (typeof productStatuses)[number];
export const variantStatuses = ["active", "archived"] as const;
export type VariantStatus = (typeof variantStatuses)[number];

/** Longest accepted text per field; the forms use the same numbers as maxLength. */
export const productLimits = {
  slug: 80,
  nameZh: 60,
  nameEn: 100,
  namePinyin: 120,
  summaryZh: 120,
  summaryEn: 200,
  descriptionZh: 4000,
  descriptionEn: 8000,
  originZh: 60,
  originEn: 100,
  harvestBatch: 60,
} as const;
/** Product images: PNG, JPEG or WebP (checked by content on the server), at most 2 MB; stored re-encoded as WebP. */
export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;
export const imageContentTypes = { png: "image/png", jpeg: "image/jpeg", webp: "image/webp" } as const;
export type ImageType = keyof typeof imageContentTypes;

export const variantLimits = { labelZh: 30, labelEn: 60, sku: 40, price: 12, weightGrams: 7 } as const;

// PostgreSQL refuses NUL in text, and other control characters have no business in a product page.
const controlChars = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const lineBreaks = /[\r\n]/;

/** One line of text: trimmed, no line breaks or control characters. Markup is kept as plain text. */
export const singleLine = (max: number) =>
  z
    .string()
    .trim()
    .max(max, "too_long")
    .refine((v) => !controlChars.test(v) && !lineBreaks.test(v), "invalid");
const requiredLine = (max: number) => singleLine(max).refine((v) => v.length > 0, "required");
const multiLine = (max: number) =>
  z
    .string()
    .trim()
    .max(max, "too_long")
    .refine((v) => !controlChars.test(v), "invalid");

export const entityId = z
  .string()
  .trim()
  .regex(/^[a-z0-9_]{1,64}$/, "invalid");

export const slugField = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, { message: "required", abort: true })
  .max(productLimits.slug, "too_long")
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "invalid_slug")
  .min(2, "invalid_slug");

/**
 * Toneless pinyin for search: "Hu  Dun" becomes "hu dun"; tone marks and other letters are refused. Optional:
 * left empty, the server derives it from the Chinese name (pinyin-pro); typed, it overrides that.
 */
const pinyinField = singleLine(productLimits.namePinyin)
  .optional()
  .transform((v = "") => v.toLowerCase().replace(/\s+/g, " "))
  .refine((v) => /^[a-z ]*$/.test(v), "invalid_pinyin");

/** Checkboxes arrive as nothing, one value or several. */
const certificationsField = z
  .union([z.enum(certificationKeys), z.array(z.enum(certificationKeys))])
  .optional()
  .transform((v) => [...new Set(v === undefined ? [] : Array.isArray(v) ? v : [v])]);

const harvestDateField = z
  .union([z.literal(""), z.iso.date("invalid")])
  .optional()
  .transform((v) => v || null)
  .refine((v) => v === null || (v >= "2000-01-01" && v <= "2100-12-31"), "invalid");

const productFields = {
  slug: slugField,
  category: z.enum(categories, "invalid"),
  nameZh: requiredLine(productLimits.nameZh),
  nameEn: requiredLine(productLimits.nameEn),
  namePinyin: pinyinField,
  summaryZh: singleLine(productLimits.summaryZh).optional().default(""),
  summaryEn: singleLine(productLimits.summaryEn).optional().default(""),
  descriptionZh: multiLine(productLimits.descriptionZh).optional().default(""),
  descriptionEn: multiLine(productLimits.descriptionEn).optional().default(""),
  originVillageZh: requiredLine(productLimits.originZh),
  originVillageEn: requiredLine(productLimits.originEn),
  originTownZh: requiredLine(productLimits.originZh),
  originTownEn: requiredLine(productLimits.originEn),
  harvestBatch: singleLine(productLimits.harvestBatch)
    .optional()
    .transform((v) => v || null),
  harvestedOn: harvestDateField,
  certifications: certificationsField,
};

export const createProductInput = z.strictObject({ coopId: entityId, ...productFields });
export type CreateProductInput = z.output<typeof createProductInput>;
export const updateProductInput = z.strictObject({ productId: entityId, ...productFields });
export type UpdateProductInput = z.output<typeof updateProductInput>;
/** The editable words and provenance of a product, as stored. */
export type ProductFields = Omit<CreateProductInput, "coopId">;

export const changeProductStatusInput = z.strictObject({
  productId: entityId,
  status: z.enum(productStatuses, "invalid"),
});
export type ChangeProductStatusInput = z.output<typeof changeProductStatusInput>;

/** A price typed in yuan ("69.80") becomes integer fen; it must be above zero and have at most two decimals. */
export const yuanPrice = z
  .string()
  .trim()
  .max(variantLimits.price, "invalid_price")
  .transform((v, ctx) => {
    const fen = parseYuan(v);
    if (fen === null || fen <= 0 || fen > 100_000_000) {
      ctx.addIssue({ code: "custom", message: "invalid_price" });
      return z.NEVER;
    }
    return fen;
  });

const weightField = z
  .string()
  .trim()
  .max(variantLimits.weightGrams, "invalid")
  .optional()
  .transform((v, ctx) => {
    if (!v) return null;
    const grams = /^\d+$/.test(v) ? Number(v) : 0;
    if (grams < 1 || grams > 1_000_000) {
      ctx.addIssue({ code: "custom", message: "invalid" });
      return z.NEVER;
    }
    return grams;
  });

const variantFields = {
  labelZh: requiredLine(variantLimits.labelZh),
  labelEn: requiredLine(variantLimits.labelEn),
  sku: z
    .string()
    .trim()
    .min(1, { message: "required", abort: true })
    .max(variantLimits.sku, "too_long")
    .regex(/^[A-Za-z0-9_-]+$/, "invalid_sku")
    .transform((v) => v.toUpperCase()),
  price: yuanPrice,
  weightGrams: weightField,
};

export const addVariantInput = z.strictObject({ productId: entityId, ...variantFields });
export type AddVariantInput = z.output<typeof addVariantInput>;
export const updateVariantInput = z.strictObject({ productId: entityId, variantId: entityId, ...variantFields });
export type UpdateVariantInput = z.output<typeof updateVariantInput>;
export const archiveVariantInput = z.strictObject({ productId: entityId, variantId: entityId });
export type ArchiveVariantInput = z.output<typeof archiveVariantInput>;

export interface CoopOptionDto {
  id: string;
  slug: string;
  nameZh: string;
  nameEn: string;
}

export interface CoopVariantDto {
  id: string;
  sku: string;
  labelZh: string;
  labelEn: string;
  priceFen: number;
  stock: number;
  weightGrams: number | null;
  status: VariantStatus;
}

export interface CoopProductDto {
  id: string;
  coopId: string;
  slug: string;
  category: string;
  nameZh: string;
  nameEn: string;
  status: ProductStatus;
  imagePath: string | null;
  updatedAt: Date;
  variants: CoopVariantDto[];
}

export interface EditableProductDto extends CoopProductDto {
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
}
