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
