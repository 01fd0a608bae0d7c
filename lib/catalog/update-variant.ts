import "server-only";
import { eq } from "drizzle-orm";
import type { Viewer } from "../auth/contract";
import { now } from "../core/clock";
import { AppError } from "../core/errors";
import { getDb, schema as s } from "../db";
import type { UpdateVariantInput } from "./contract-manage";
import { ownVariantOrThrow } from "./own-product";
import { withUniqueFields } from "./unique-fields";

/**
 * Changes a variant's label, SKU, price or weight. Orders already placed keep the price they were placed at:
 * order lines carry their own copy.
 */
export async function updateVariant(viewer: Viewer | null, input: UpdateVariantInput): Promise<void> {
  const db = await getDb();
  await withUniqueFields(() =>
    db.transaction(async (tx) => {
      const { variant } = await ownVariantOrThrow(tx, viewer, input, { forUpdate: true });
      if (variant.status === "archived") throw new AppError("INVALID_STATE", "an archived variant cannot be edited");
      await tx
        .update(s.variants)
        .set({
          sku: input.sku,
          labelZh: input.labelZh,
          labelEn: input.labelEn,
          priceFen: input.price,
          weightGrams: input.weightGrams,
          updatedAt: now(),
        })
        .where(eq(s.variants.id, variant.id));
    }),
  );
}
