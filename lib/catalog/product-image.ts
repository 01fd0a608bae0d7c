import "server-only";
import fs from "node:fs/promises";
import { eq } from "drizzle-orm";
import type { Viewer } from "../auth/contract";
import { AppError } from "../core/errors";
import { now } from "../core/clock";
import { randomBase32 } from "../core/ids";
import { getDb, schema as s } from "../db";
import { env } from "../env";
import { detectImageType, looksLikeMarkup, MAX_IMAGE_BYTES } from "./image-type";
import { ownProduct } from "./own-product";
import { uploadPath } from "./uploads";

/**
 * Stores a product image after checking it by content: PNG, JPEG or WebP, at most 2 MB, no markup inside.
 * The file gets a random name; the product points at /uploads/<name>.
 */
export async function saveProductImage(viewer: Viewer | null, productId: string, file: unknown): Promise<{ imagePath: string }> {
  const db = await getDb();
  const product = await ownProduct(db, viewer, productId);
  if (!(file instanceof Blob) || file.size === 0) throw new AppError("VALIDATION", "no file", { fields: { image: ["required"] } });
  if (file.size > MAX_IMAGE_BYTES) throw new AppError("PAYLOAD_TOO_LARGE", "image larger than 2 MB", { fields: { image: ["too_large"] } });
  const bytes = new Uint8Array(await file.arrayBuffer());
  const type = detectImageType(bytes);
  if (!type || looksLikeMarkup(bytes)) throw new AppError("VALIDATION", "not a PNG, JPEG or WebP image", { fields: { image: ["not_an_image"] } });
  const name = `${randomBase32(24).toLowerCase()}.${type}`;
  await fs.mkdir(env().uploadDir, { recursive: true });
  await fs.writeFile(uploadPath(name), bytes, { flag: "wx" });
  const imagePath = `/uploads/${name}`;
  await db.update(s.products).set({ imagePath, updatedAt: now() }).where(eq(s.products.id, product.id));
  return { imagePath };
}
