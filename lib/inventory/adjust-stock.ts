import "server-only";
import { and, eq, gte, lte, sql } from "drizzle-orm";
import { assertViewer } from "../auth";
import type { Viewer } from "../auth/contract";
import { now } from "../core/clock";
import { AppError } from "../core/errors";
import { getDb, schema as s } from "../db";
import { MAX_STOCK, type AdjustStockInput } from "./contract";
import { stockVariantOrThrow } from "./own-variant";
import { writeMovement } from "./stock";

/**
 * A counted correction (breakage, a recount), up or down, with its reason. Whether it fits is decided by the
 * conditional UPDATE itself, so concurrent corrections and sales can never take stock below zero.
 */
export async function adjustStock(viewer: Viewer | null, input: AdjustStockInput): Promise<{ stock: number }> {
  assertViewer(viewer);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const variant = await stockVariantOrThrow(tx, viewer, input.variantId);
    const fits = input.delta < 0 ? gte(s.variants.stock, -input.delta) : lte(s.variants.stock, MAX_STOCK - input.delta);
    const [row] = await tx
      .update(s.variants)
      .set({ stock: sql`${s.variants.stock} + ${input.delta}`, updatedAt: now() })
      .where(and(eq(s.variants.id, variant.id), fits))
      .returning({ stock: s.variants.stock });
    if (!row) {
      const field = input.delta < 0 ? "below_zero" : "too_large";
      throw new AppError("INVALID_STATE", `adjustment ${input.delta} does not fit the stock`, {
        fields: { delta: [field] },
      });
    }
    await writeMovement(tx, variant.id, input.delta, row.stock, "adjust", {
      actorId: viewer.userId,
      note: input.reason,
    });
    return { stock: row.stock };
  });
}
