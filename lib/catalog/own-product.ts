import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { assertViewer } from "../auth";
import type { Viewer } from "../auth/contract";
import { AppError } from "../core/errors";
import { schema as s, type DbOrTx } from "../db";

/** A product of one of the viewer's cooperatives (locked when `lock`); anything else is NOT_FOUND. */
export async function ownProduct(db: DbOrTx, viewer: Viewer | null, productId: string, lock = false) {
  assertViewer(viewer);
  if (!viewer.caps.coopIds.length) throw new AppError("NOT_FOUND", "product not found");
  const q = db
    .select()
    .from(s.products)
    .where(and(eq(s.products.id, productId), inArray(s.products.coopId, viewer.caps.coopIds)));
  const [product] = lock ? await q.for("update") : await q;
  if (!product) throw new AppError("NOT_FOUND", "product not found");
  return product;
}

/** A variant whose product belongs to one of the viewer's cooperatives; anything else is NOT_FOUND. */
export async function ownVariant(db: DbOrTx, viewer: Viewer | null, variantId: string) {
  assertViewer(viewer);
  if (!viewer.caps.coopIds.length) throw new AppError("NOT_FOUND", "variant not found");
  const [row] = await db
    .select({ variant: s.variants, coopId: s.products.coopId })
    .from(s.variants)
    .innerJoin(s.products, eq(s.products.id, s.variants.productId))
    .where(and(eq(s.variants.id, variantId), inArray(s.products.coopId, viewer.caps.coopIds)));
  if (!row) throw new AppError("NOT_FOUND", "variant not found");
  return row;
}
