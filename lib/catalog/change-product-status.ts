import "server-only";
import { and, eq } from "drizzle-orm";
import type { Viewer } from "../auth/contract";
import { now } from "../core/clock";
import { AppError } from "../core/errors";
import { getDb, schema as s } from "../db";
import type { ChangeProductStatusInput, ProductStatus } from "./contract-manage";
import { ownProductOrThrow } from "./own-product";
import { productMachine } from "./product-state";

/**
 * Publishes, unpublishes or archives a product through the product state machine. Publishing needs at least
 * one variant on sale. An illegal transition throws INVALID_STATE and writes nothing.
 */
export async function changeProductStatus(
  viewer: Viewer | null,
  input: ChangeProductStatusInput,
): Promise<{ status: ProductStatus }> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const product = await ownProductOrThrow(tx, viewer, input.productId, { forUpdate: true });
    productMachine.assert(product.status, input.status);
    if (input.status === "published") {
      const [onSale] = await tx
        .select({ id: s.variants.id })
        .from(s.variants)
        .where(and(eq(s.variants.productId, product.id), eq(s.variants.status, "active")))
        .limit(1);
      if (!onSale) throw new AppError("INVALID_STATE", "a product needs a variant on sale before it is published");
    }
    const at = now();
    await tx
      .update(s.products)
      .set({
        status: input.status,
        updatedAt: at,
        publishedAt: input.status === "published" ? (product.publishedAt ?? at) : product.publishedAt,
      })
      .where(eq(s.products.id, product.id));
    return { status: input.status };
  });
}
