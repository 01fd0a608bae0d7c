import "server-only";
import { and, eq } from "drizzle-orm";
import { assertCoopMember, assertViewer } from "../auth";
import type { Viewer } from "../auth/contract";
import { AppError } from "../core/errors";
import { schema as s, type DbOrTx } from "../db";

export type ProductRow = typeof s.products.$inferSelect;
export type VariantRow = typeof s.variants.$inferSelect;

/**
 * The product, if the viewer is a member of its cooperative. A missing product and someone else's answer
 * the same NOT_FOUND. `forUpdate` locks the row until the caller's transaction ends.
 */
export async function ownProductOrThrow(
  db: DbOrTx,
  viewer: Viewer | null,
  productId: string,
  opts: { forUpdate?: boolean } = {},
): Promise<ProductRow> {
  assertViewer(viewer);
  const query = db.select().from(s.products).where(eq(s.products.id, productId));
  const [product] = opts.forUpdate ? await query.for("update") : await query;
  if (!product) throw new AppError("NOT_FOUND", "product not found");
  assertCoopMember(viewer, product.coopId);
  return product;
}

/** A variant of the viewer's product; a variant of another product answers NOT_FOUND too. */
export async function ownVariantOrThrow(
  db: DbOrTx,
  viewer: Viewer | null,
  ids: { productId: string; variantId: string },
  opts: { forUpdate?: boolean } = {},
): Promise<{ product: ProductRow; variant: VariantRow }> {
  const product = await ownProductOrThrow(db, viewer, ids.productId);
  const query = db
    .select()
    .from(s.variants)
    .where(and(eq(s.variants.id, ids.variantId), eq(s.variants.productId, product.id)));
  const [variant] = opts.forUpdate ? await query.for("update") : await query;
  if (!variant) throw new AppError("NOT_FOUND", "variant not found");
  return { product, variant };
}
