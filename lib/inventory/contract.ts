import { z } from "zod";

/** A quantity typed by a person or sent by a client: a whole number 1–999, never "1.5", "1e9" or 2^53. */
export const quantitySchema = z
  .union([
    z.number(),
    z
      .string()
      .trim()
      .regex(/^\d{1,4}$/, "invalid")
      .transform(Number),
  ])
  .pipe(z.number().int("invalid").min(1, "invalid").max(999, "too_large"));

/** As lib/db/schema/inventory.ts lists them (a contract may not import the schema). */
export type MovementReason =
  "receive" | "adjust" | "order" | "cancel" | "expire" | "correction" | "drop_reserve" | "drop_release";

/** The most a variant may hold; keeps every sum far from the integer column's limit. */
export const MAX_STOCK = 1_000_000;

const variantId = z
  .string()
  .trim()
  .regex(/^[a-z0-9_]{1,64}$/, "invalid");
const noControlChars = (v: string) => !/[\u0000-\u001f\u007f]/.test(v);

/** Whole units received: "40" or 40, from 1 up to 100 000. */
const receivedQuantity = z
  .union([
    z.number(),
    z
      .string()
      .trim()
      .regex(/^\d{1,6}$/, "invalid")
      .transform(Number),
  ])
  .pipe(z.number().int("invalid").min(1, "invalid").max(100_000, "too_large"));

// Chinese keyboards often type full-width signs; "－5" means "-5".
const signedDelta = z
  .union([
    z.number(),
    z
      .string()
      .trim()
      .transform((v) => v.replace(/^[－−]/, "-").replace(/^＋/, "+"))
      .pipe(z.string().regex(/^[+-]?\d{1,6}$/, "invalid"))
      .transform(Number),
  ])
  .pipe(
    z
      .number()
      .int("invalid")
      .min(-100_000, "too_large")
      .max(100_000, "too_large")
      .refine((n) => n !== 0, "invalid"),
  );

export const receiveStockInput = z.strictObject({
  variantId,
  quantity: receivedQuantity,
  note: z
    .string()
    .trim()
    .max(200, "too_long")
    .refine(noControlChars, "invalid")
    .optional()
    .transform((v) => v || null),
});
export type ReceiveStockInput = z.output<typeof receiveStockInput>;

export const adjustStockInput = z.strictObject({
  variantId,
  delta: signedDelta,
  reason: z.string().trim().min(1, "required").max(200, "too_long").refine(noControlChars, "invalid"),
});
export type AdjustStockInput = z.output<typeof adjustStockInput>;

export interface MovementDto {
  id: number;
  delta: number;
  stockAfter: number;
  reason: MovementReason;
  /** What caused it, when something did: an order (by its public number), a campaign … */
  reference: { type: string; label: string } | null;
  note: string | null;
  actorName: string | null;
  createdAt: Date;
}

export interface StockVariantDto {
  id: string;
  sku: string;
  labelZh: string;
  labelEn: string;
  stock: number;
  status: "active" | "archived";
  productId: string;
  productNameZh: string;
  productNameEn: string;
  coopId: string;
}

export interface MovementHistoryDto {
  variant: StockVariantDto;
  movements: MovementDto[];
  /** Pass as `before` to read the next, older page; null on the last page. */
  olderThan: number | null;
}
