import "server-only";
import { and, eq, lte, sql } from "drizzle-orm";
import { assertViewer } from "../auth";
import type { Viewer } from "../auth/contract";
import { now } from "../core/clock";
import { AppError } from "../core/errors";
import { getDb, schema as s } from "../db";
import { MAX_STOCK, type ReceiveStockInput } from "./contract";
import { stockVariantOrThrow } from "./own-variant";
import { writeMovement } from "./stock";

/** Goods arrive at the cooperative: the variant's stock goes up, with a `receive` movement, in one transaction. */
export async function receiveStock(viewer: Viewer | null, input: ReceiveStockInput): Promise<{ stock: number }> {
  assertViewer(viewer);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const variant = await stockVariantOrThrow(tx, viewer, input.variantId);
    if (variant.status !== "active") throw new AppError("INVALID_STATE", "an archived variant takes no new stock");
    const [row] = await tx
      .update(s.variants)
      .set({ stock: sql`${s.variants.stock} + ${input.quantity}`, updatedAt: now() })
      .where(
        and(
          eq(s.variants.id, variant.id),
          eq(s.variants.status, "active"),
          lte(s.variants.stock, MAX_STOCK - input.quantity),
        ),
      )
      .returning({ stock: s.variants.stock });
    if (!row)
      throw new AppError("INVALID_STATE", "stock would pass its maximum", { fields: { quantity: ["too_large"] } });
    await writeMovement(tx, variant.id, input.quantity, row.stock, "receive", {
      actorId: viewer.userId,
      note: input.note,
    });
    return { stock: row.stock };
  });
}
