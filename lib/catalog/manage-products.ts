import "server-only";
import { eq } from "drizzle-orm";
import { assertCoopMember } from "../auth";
import type { Viewer } from "../auth/contract";
import { AppError } from "../core/errors";
import { now } from "../core/clock";
import { newId } from "../core/ids";
import { getDb, isUniqueViolation, schema as s } from "../db";
import { changeProductStatusInput, createProductInput, updateProductInput } from "./contract-manage";
import { ownProduct } from "./own-product";
import { productMachine } from "./product-state";

const slugTaken = () => new AppError("CONFLICT", "slug taken", { fields: { slug: ["slug_taken"] } });

function columns(input: ReturnType<typeof createProductInput.parse>) {
  const { coopId: _c, harvestedOn, harvestBatch, ...rest } = input;
  return { ...rest, harvestedOn: harvestedOn || null, harvestBatch: harvestBatch || null };
}

/** A cooperative member adds a product to their cooperative, as a draft. */
export async function createProduct(viewer: Viewer | null, raw: unknown): Promise<{ id: string }> {
  const input = createProductInput.parse(raw);
  assertCoopMember(viewer, input.coopId);
  const db = await getDb();
  const id = newId("prd");
  try {
    await db.insert(s.products).values({ ...columns(input), id, coopId: input.coopId, status: "draft" });
  } catch (err) {
    if (isUniqueViolation(err, "products_slug_key")) throw slugTaken();
    throw err;
  }
  return { id };
}

/** Edits a product's words and provenance; prices and stock have their own use cases. */
export async function updateProduct(viewer: Viewer | null, raw: unknown): Promise<void> {
  const input = updateProductInput.parse(raw);
  const db = await getDb();
  const product = await ownProduct(db, viewer, input.productId);
  const { productId: _p, ...fields } = input;
  try {
    await db
      .update(s.products)
      .set({ ...columns({ ...fields, coopId: product.coopId }), updatedAt: now() })
      .where(eq(s.products.id, product.id));
  } catch (err) {
    if (isUniqueViolation(err, "products_slug_key")) throw slugTaken();
    throw err;
  }
}

/** Publish, unpublish, archive or restore, through the product state machine. */
export async function changeProductStatus(viewer: Viewer | null, raw: unknown): Promise<void> {
  const input = changeProductStatusInput.parse(raw);
  const db = await getDb();
  await db.transaction(async (tx) => {
    const product = await ownProduct(tx, viewer, input.productId, true);
    productMachine.assert(product.status, input.status);
    if (input.status === "published") {
      const variants = await tx.select({ status: s.variants.status }).from(s.variants).where(eq(s.variants.productId, product.id));
      if (!variants.some((v) => v.status === "active")) throw new AppError("INVALID_STATE", "a product needs a variant before it is published");
    }
    await tx
      .update(s.products)
      .set({ status: input.status, updatedAt: now(), ...(input.status === "published" ? { publishedAt: product.publishedAt ?? now() } : {}) })
      .where(eq(s.products.id, product.id));
  });
}
