/** What an uploaded file really is, judged by its first bytes, never by its name or declared type. */
export type ImageType = "png" | "jpeg" | "webp";

export const MAX_IMAGE_BYTES = 2 * 1024 * 1024;

export function detectImageType(bytes: Uint8Array): ImageType | null {
  const starts = (sig: number[], at = 0) => sig.every((b, i) => bytes[at + i] === b);
  if (bytes.length >= 8 && starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
  if (bytes.length >= 3 && starts([0xff, 0xd8, 0xff])) return "jpeg";
  if (bytes.length >= 12 && starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return "webp";
  return null;
}

/** A file that is an image at the start but carries markup later (a polyglot) is refused too. */
export function looksLikeMarkup(bytes: Uint8Array): boolean {
  const text = Buffer.from(bytes).toString("latin1").toLowerCase();
  return /<\s*(script|svg|html|iframe|body|object|embed)\b/.test(text);
}

export const contentTypes: Record<ImageType, string> = { png: "image/png", jpeg: "image/jpeg", webp: "image/webp" };
