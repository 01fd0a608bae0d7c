import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { AppError } from "../core/errors";
import { authSecret } from "../env";
import type { Viewer } from "../auth/contract";
import { assertViewer, enforce } from "../auth";
import { acceptImageUpload, storeUpload } from "../catalog";

// The signature ties a stored name to the person who uploaded it: an application may attach only its own files.
const sign = (userId: string, name: string) =>
  createHmac("sha256", `${authSecret()}:application-documents`)
    .update(`${userId}\0${name}`)
    .digest("base64url")
    .slice(0, 22);

export const UPLOADS_PER_HOUR = { max: 40, windowSeconds: 3600 };

/** The reference the form carries for a document at `/uploads/<name>`, for this person only. */
export function documentRefFor(userId: string, publicPath: string): string {
  const name = publicPath.replace(/^\/uploads\//, "");
  return `${name}.${sign(userId, name)}`;
}

/** The public path of a document reference, when it is this person's; otherwise a field error on `field`. */
export function documentPathOf(userId: string, ref: string, field: string): string {
  const at = ref.lastIndexOf(".");
  const name = ref.slice(0, at);
  const given = Buffer.from(ref.slice(at + 1));
  const expected = Buffer.from(sign(userId, name));
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw new AppError("VALIDATION", "a document that is not the applicant's", {
      fields: { [field]: ["invalid_document"] },
    });
  return `/uploads/${name}`;
}

/**
 * Stores one document of an application (a licence scan, a photo) the way the catalog stores a product image:
 * judged by its bytes, stored as a fresh WebP encode under a random name. Answers the reference the form sends.
 */
export async function uploadApplicationDocument(
  viewer: Viewer | null,
  file: unknown,
): Promise<{ ref: string; path: string }> {
  assertViewer(viewer);
  // Every file is kept: a person may store at most this many an hour (a form needs seven).
  await enforce(`apply:upload:${viewer.userId}`, UPLOADS_PER_HOUR, "document uploads");
  const { bytes, type } = await acceptImageUpload(file, "image");
  const path = `/uploads/${await storeUpload(bytes, type)}`;
  return { ref: documentRefFor(viewer.userId, path), path };
}
