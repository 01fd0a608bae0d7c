import "server-only";
/**
 * Uploaded images, judged by their bytes, never by their name or declared type, and never stored as sent.
 *
 * `inspectImage` says what a file really is: file-type reads the magic bytes (PNG, JPEG or WebP, so SVG or
 * HTML renamed .jpg is refused), the file must end where its format says it ends (nothing appended: a
 * polyglot or a truncated file is refused), no text in it may be markup (a script in a PNG text chunk or a
 * JPEG comment), and sharp must read the same format with sane dimensions from its header.
 *
 * `cleanImage` is what is stored: sharp decodes the pixels and encodes them afresh as WebP, turned upright by
 * its EXIF orientation and at most STORED_IMAGE_MAX_EDGE on its long edge. The new file carries none of the
 * upload's metadata (EXIF with GPS, XMP, ICC, comments, text chunks) nor anything hidden in it.
 */
import { fileTypeFromBuffer } from "file-type";
import sharp from "sharp";
import { MAX_IMAGE_BYTES, type ImageType } from "./contract-manage";

export type ImageProblem = "empty" | "too_large" | "not_an_image";
export type ImageVerdict = { ok: true; type: ImageType } | { ok: false; problem: ImageProblem };
export type CleanImage =
  { ok: true; type: "webp"; bytes: Buffer; width: number; height: number } | { ok: false; problem: ImageProblem };

/**
 * The long edge of a stored image. Pages show a product image at most 480 CSS pixels wide (the product page,
 * the cards); 1200 keeps it sharp on a 2.5× phone screen and keeps the file small.
 */
export const STORED_IMAGE_MAX_EDGE = 1200;
/** More pixels than this is refused before decoding: 2 MB of PNG can unpack to gigabytes. */
export const MAX_IMAGE_PIXELS = 40_000_000;
const WEBP_QUALITY = 82;

const typeOfExtension = new Map<string, ImageType>([
  ["png", "png"],
  ["jpg", "jpeg"],
  ["webp", "webp"],
]);

/** The type announced by the first bytes (magic numbers) only. */
export async function detectImageType(bytes: Uint8Array): Promise<ImageType | null> {
  const found = await fileTypeFromBuffer(bytes);
  return (found && typeOfExtension.get(found.ext)) ?? null;
}

const PNG_IEND = Buffer.from("0000000049454e44ae426082", "hex");

/** Whether the file stops where its format says it stops: an IEND chunk, an EOI marker, the RIFF size. */
function endsWhereItShould(bytes: Buffer, type: ImageType): boolean {
  switch (type) {
    case "png":
      return bytes.length > PNG_IEND.length && bytes.subarray(-PNG_IEND.length).equals(PNG_IEND);
    case "jpeg":
      return bytes.length > 4 && bytes[bytes.length - 2] === 0xff && bytes[bytes.length - 1] === 0xd9;
    case "webp":
      return bytes.length >= 12 && bytes.readUInt32LE(4) + 8 === bytes.length;
  }
}

const markup = /<\s*\/?\s*(script|svg|html|iframe|body|object|embed|img|style|meta|link|form)\b|javascript:/;
// Metadata, comments and pasted pages are runs of printable text; compressed pixels are not, so looking only
// inside such runs keeps random pixel bytes from passing for a tag.
const textRuns = /[\x20-\x7e\t\r\n]{12,}/g;

/** Whether any text in the file, read as Latin-1, holds HTML or SVG. */
export function containsMarkup(bytes: Uint8Array): boolean {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  for (const [run] of text.matchAll(textRuns)) if (markup.test(run.toLowerCase())) return true;
  return false;
}

const refused = (problem: ImageProblem) => ({ ok: false, problem }) as const;

/** The verdict on an uploaded file: its real type, or why it is refused. Nothing is decoded yet. */
export async function inspectImage(upload: Uint8Array): Promise<ImageVerdict> {
  if (upload.length === 0) return refused("empty");
  if (upload.length > MAX_IMAGE_BYTES) return refused("too_large");
  const bytes = Buffer.from(upload.buffer, upload.byteOffset, upload.byteLength);
  const type = await detectImageType(bytes);
  if (!type || !endsWhereItShould(bytes, type) || containsMarkup(bytes)) return refused("not_an_image");
  const header = await sharp(bytes)
    .metadata()
    .catch(() => null);
  if (!header || header.format !== type || !header.width || !header.height) return refused("not_an_image");
  if (header.width * header.height > MAX_IMAGE_PIXELS) return refused("too_large");
  return { ok: true, type };
}

/**
 * The upload as it will be stored: checked by `inspectImage`, then decoded and encoded afresh as WebP
 * (first frame only, upright, at most STORED_IMAGE_MAX_EDGE long, no metadata). A file whose pixels do not
 * decode (a broken or cut-short scan) is refused.
 */
export async function cleanImage(upload: Uint8Array): Promise<CleanImage> {
  const verdict = await inspectImage(upload);
  if (!verdict.ok) return verdict;
  try {
    const { data, info } = await sharp(upload, { failOn: "truncated", limitInputPixels: MAX_IMAGE_PIXELS })
      .autoOrient()
      .resize(STORED_IMAGE_MAX_EDGE, STORED_IMAGE_MAX_EDGE, { fit: "inside", withoutEnlargement: true })
      .webp({ quality: WEBP_QUALITY })
      .toBuffer({ resolveWithObject: true });
    return { ok: true, type: "webp", bytes: data, width: info.width, height: info.height };
  } catch {
    return refused("not_an_image");
  }
}
