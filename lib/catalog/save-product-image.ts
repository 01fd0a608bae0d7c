import "server-only";
import { eq } from "drizzle-orm";
import type { Viewer } from "../auth/contract";
import { now } from "../core/clock";
import { AppError } from "../core/errors";
import { getDb, schema as s } from "../db";
import { MAX_IMAGE_BYTES } from "./contract-manage";
import { cleanImage } from "./image-check";
import { ownProductOrThrow } from "./own-product";
import { removeUpload, storeUpload } from "./uploads";

async function acceptedImage(file: unknown) {
  if (!(file instanceof Blob)) throw new AppError("VALIDATION", "no image file", { fields: { image: ["required"] } });
  if (file.size > MAX_IMAGE_BYTES)
    throw new AppError("PAYLOAD_TOO_LARGE", "image larger than 2 MB", { fields: { image: ["too_large"] } });
  const image = await cleanImage(new Uint8Array(await file.arrayBuffer()));
  if (image.ok) return image;
  if (image.problem === "too_large")
    throw new AppError("PAYLOAD_TOO_LARGE", "image larger than 2 MB or 40 megapixels", {
      fields: { image: ["too_large"] },
    });
  if (image.problem === "empty") throw new AppError("VALIDATION", "empty file", { fields: { image: ["required"] } });
  throw new AppError("VALIDATION", "not a PNG, JPEG or WebP image", { fields: { image: ["not_an_image"] } });
}

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
  const { bytes, type } = await acceptedImage(file);
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
