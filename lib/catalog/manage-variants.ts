import "server-only";
import { eq, sql } from "drizzle-orm";
import type { Viewer } from "../auth/contract";
import { AppError } from "../core/errors";
import { now } from "../core/clock";
import { newId } from "../core/ids";
import { getDb, isUniqueViolation, schema as s } from "../db";
import { archiveVariantInput, createVariantInput, updateVariantInput } from "./contract-manage";
import { ownProduct, ownVariant } from "./own-product";

const skuTaken = () => new AppError("CONFLICT", "sku taken", { fields: { sku: ["sku_taken"] } });

/** Adds a variant (stock 0; stock arrives through the inventory). Past orders keep their own prices. */
export async function createVariant(viewer: Viewer | null, raw: unknown): Promise<{ id: string }> {
  const input = createVariantInput.parse(raw);
  const db = await getDb();
  const product = await ownProduct(db, viewer, input.productId);
  const id = newId("var");
  try {
    await db.insert(s.variants).values({
      id,
      productId: product.id,
      sku: input.sku,
      labelZh: input.labelZh,
      labelEn: input.labelEn,
      priceFen: input.price,
      weightGrams: input.weightGrams || null,
      position: sql`(select coalesce(max(position) + 1, 0) from variants where product_id = ${product.id})`,
    });
  } catch (err) {
    if (isUniqueViolation(err, "variants_sku_key")) throw skuTaken();
    throw err;
  }
  return { id };
}

export async function updateVariant(viewer: Viewer | null, raw: unknown): Promise<void> {
  const input = updateVariantInput.parse(raw);
  const db = await getDb();
  const { variant } = await ownVariant(db, viewer, input.variantId);
  try {
    await db
      .update(s.variants)
      .set({ sku: input.sku, labelZh: input.labelZh, labelEn: input.labelEn, priceFen: input.price, weightGrams: input.weightGrams || null, updatedAt: now() })
      .where(eq(s.variants.id, variant.id));
  } catch (err) {
    if (isUniqueViolation(err, "variants_sku_key")) throw skuTaken();
    throw err;
  }
}

/** Takes a variant off sale; carts show it as unavailable, old orders keep it. */
export async function archiveVariant(viewer: Viewer | null, raw: unknown): Promise<void> {
  const input = archiveVariantInput.parse(raw);
  const db = await getDb();
  const { variant } = await ownVariant(db, viewer, input.variantId);
  if (variant.status === "archived") throw new AppError("INVALID_STATE", "already archived");
  await db.update(s.variants).set({ status: "archived", updatedAt: now() }).where(eq(s.variants.id, variant.id));
}
