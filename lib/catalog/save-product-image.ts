import "server-only";
import { eq } from "drizzle-orm";
import type { Viewer } from "../auth/contract";
import { now } from "../core/clock";
import { AppError } from "../core/errors";
import { getDb, schema as s } from "../db";
import { acceptImageUpload } from "./accept-image";
import { ownProductOrThrow } from "./own-product";
import { removeUpload, storeUpload } from "./uploads";

/**
 * Sets a product's image from an upload, checked by content (PNG, JPEG or WebP, at most 2 MB). What is stored
 * is never the upload itself but a fresh WebP encode of its pixels (see image-check.ts), under a random name;
 * the image it replaces is deleted once the product points at the new one.
 */
export async function saveProductImage(
  viewer: Viewer | null,
  productId: string,
  file: unknown,
): Promise<{ imagePath: string }> {
  const db = await getDb();
  // Ownership first: a stranger learns nothing, not even what we think of the file.
  await ownProductOrThrow(db, viewer, productId);
  const { bytes, type } = await acceptImageUpload(file);
  const imagePath = `/uploads/${await storeUpload(bytes, type)}`;
  let previous: string | null;
  try {
    previous = await db.transaction(async (tx) => {
      const product = await ownProductOrThrow(tx, viewer, productId, { forUpdate: true });
      if (product.status === "archived") throw new AppError("INVALID_STATE", "an archived product cannot be edited");
      await tx.update(s.products).set({ imagePath, updatedAt: now() }).where(eq(s.products.id, product.id));
      return product.imagePath;
    });
  } catch (err) {
    await removeUpload(imagePath);
    throw err;
  }
  await removeUpload(previous).catch(() => undefined);
  return { imagePath };
}
