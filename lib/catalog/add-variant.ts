import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Viewer } from "../auth/contract";
import { AppError } from "../core/errors";
import { newId } from "../core/ids";
import { getDb, schema as s } from "../db";
import type { AddVariantInput } from "./contract-manage";
import { ownProductOrThrow } from "./own-product";
import { withUniqueFields } from "./unique-fields";

/** Adds a size or pack to a product. Its stock starts at 0 and only ever arrives through the inventory. */
export async function addVariant(viewer: Viewer | null, input: AddVariantInput): Promise<{ id: string }> {
  const db = await getDb();
  const id = newId("var");
  await withUniqueFields(() =>
    db.transaction(async (tx) => {
      // The product row lock makes concurrent additions take positions one after the other.
      const product = await ownProductOrThrow(tx, viewer, input.productId, { forUpdate: true });
      if (product.status === "archived")
        throw new AppError("INVALID_STATE", "an archived product takes no new variants");
      const [last] = await tx
        .select({ next: sql<number>`(coalesce(max(${s.variants.position}), -1) + 1)::int` })
        .from(s.variants)
        .where(eq(s.variants.productId, product.id));
      await tx.insert(s.variants).values({
        id,
        productId: product.id,
        sku: input.sku,
        labelZh: input.labelZh,
        labelEn: input.labelEn,
        priceFen: input.price,
        weightGrams: input.weightGrams,
        position: last?.next ?? 0,
      });
    }),
  );
  return { id };
}
