import { z } from "zod";

/** A quantity typed by a person or sent by a client: a whole number 1–999, never "1.5", "1e9" or 2^53. */
export const quantitySchema = z
  .union([z.number(), z.string().trim().regex(/^\d{1,4}$/, "invalid").transform(Number)])
  .pipe(z.number().int("invalid").min(1, "invalid").max(999, "too_large"));

export type MovementReason = "receive" | "adjust" | "order" | "cancel" | "expire" | "correction";

export interface MovementDto {
  id: number;
  variantId: string;
  delta: number;
  stockAfter: number;
  reason: MovementReason;
  refType: string | null;
  refId: string | null;
  note: string | null;
  actorName: string | null;
  createdAt: Date;
}

export const receiveStockInput = z.strictObject({
  variantId: z.string().min(1).max(64),
  quantity: z.union([z.number(), z.string().trim().regex(/^\d{1,6}$/, "invalid").transform(Number)]).pipe(z.number().int().min(1, "invalid").max(100_000, "too_large")),
  note: z.string().trim().max(200, "too_long").optional(),
});

export const adjustStockInput = z.strictObject({
  variantId: z.string().min(1).max(64),
  delta: z
    .union([z.number(), z.string().trim().regex(/^[+-]?\d{1,6}$/, "invalid").transform(Number)])
    .pipe(z.number().int().min(-100_000).max(100_000).refine((n) => n !== 0, "invalid")),
  reason: z.string().trim().min(2, "required").max(200, "too_long"),
});
