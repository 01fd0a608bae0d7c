import "server-only";
import { eq } from "drizzle-orm";
import type { Viewer } from "../auth/contract";
import { now } from "../core/clock";
import { AppError } from "../core/errors";
import { getDb, schema as s } from "../db";
import type { UpdateProductInput } from "./contract-manage";
import { ownProductOrThrow } from "./own-product";
import { productPinyin } from "./product-pinyin";
import { withUniqueFields } from "./unique-fields";

/** Edits a product's words and provenance. Status, variants, stock and image have their own use cases. */
export async function updateProduct(viewer: Viewer | null, input: UpdateProductInput): Promise<void> {
  const { productId, ...fields } = input;
  const db = await getDb();
  await withUniqueFields(() =>
    db.transaction(async (tx) => {
      const product = await ownProductOrThrow(tx, viewer, productId, { forUpdate: true });
      if (product.status === "archived") throw new AppError("INVALID_STATE", "an archived product cannot be edited");
      await tx
        .update(s.products)
        .set({ ...fields, ...productPinyin(fields.nameZh, fields.namePinyin, product), updatedAt: now() })
        .where(eq(s.products.id, product.id));
    }),
  );
}
