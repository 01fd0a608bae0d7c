import "server-only";
import { AppError } from "../core/errors";
import { MAX_IMAGE_BYTES } from "./contract-manage";
import { cleanImage } from "./image-check";

/**
 * An uploaded file as it may be stored: a PNG, JPEG or WebP of at most 2 MB and 40 megapixels, re-encoded as WebP
 * (see image-check.ts). Anything else is a field error on `field`. The one upload check of the app: product images
 * and the documents of an application both come through here.
 */
export async function acceptImageUpload(file: unknown, field = "image") {
  if (!(file instanceof Blob)) throw new AppError("VALIDATION", "no image file", { fields: { [field]: ["required"] } });
  if (file.size > MAX_IMAGE_BYTES)
    throw new AppError("PAYLOAD_TOO_LARGE", "image larger than 2 MB", { fields: { [field]: ["too_large"] } });
  const image = await cleanImage(new Uint8Array(await file.arrayBuffer()));
  if (image.ok) return image;
  if (image.problem === "too_large")
    throw new AppError("PAYLOAD_TOO_LARGE", "image larger than 2 MB or 40 megapixels", {
      fields: { [field]: ["too_large"] },
    });
  if (image.problem === "empty") throw new AppError("VALIDATION", "empty file", { fields: { [field]: ["required"] } });
  throw new AppError("VALIDATION", "not a PNG, JPEG or WebP image", { fields: { [field]: ["not_an_image"] } });
}
