/**
 * What an uploaded file really is, judged by its bytes, never by its name or declared type. A file passes
 * only when it is a whole PNG, JPEG or WebP: the container walks from its signature to its end marker with
 * nothing after it, and its text-bearing metadata carries no markup. That refuses SVG or HTML renamed to
 * .jpg, images with a page appended (polyglots) and truncated files.
 */
import { MAX_IMAGE_BYTES, type ImageType } from "./contract-manage";

export type ImageProblem = "empty" | "too_large" | "not_an_image";
export type ImageVerdict = { ok: true; type: ImageType } | { ok: false; problem: ImageProblem };

const ascii = (b: Uint8Array, at: number, n: number) => String.fromCharCode(...b.subarray(at, at + n));
const u16be = (b: Uint8Array, at: number) => (b[at]! << 8) | b[at + 1]!;
const u32be = (b: Uint8Array, at: number) =>
  ((b[at]! << 24) >>> 0) + (b[at + 1]! << 16) + (b[at + 2]! << 8) + b[at + 3]!;
const u32le = (b: Uint8Array, at: number) =>
  b[at]! + (b[at + 1]! << 8) + (b[at + 2]! << 16) + ((b[at + 3]! << 24) >>> 0);
const startsWith = (b: Uint8Array, sig: number[], at = 0) =>
  b.length >= at + sig.length && sig.every((x, i) => b[at + i] === x);

/** The type announced by the first bytes (magic numbers) only. */
export function detectImageType(bytes: Uint8Array): ImageType | null {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "png";
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "jpeg";
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return "webp";
  return null;
}

/** PNG: IHDR first, chunks that fit, IEND as the last bytes. Returns the ancillary chunks' data. */
function pngMetadata(b: Uint8Array): Uint8Array[] | null {
  const texts: Uint8Array[] = [];
  for (let at = 8; at + 12 <= b.length;) {
    const type = ascii(b, at + 4, 4);
    const end = at + 12 + u32be(b, at);
    if (end > b.length || !/^[A-Za-z]{4}$/.test(type) || (at === 8 && type !== "IHDR")) return null;
    if (type === "IEND") return end === b.length ? texts : null;
    if (type[0] === type[0]!.toLowerCase()) texts.push(b.subarray(at + 8, end - 4));
    at = end;
  }
  return null;
}

/** JPEG: segments from SOI to EOI, skipping entropy-coded scan data, nothing after EOI. Returns APPn/COM data. */
function jpegMetadata(b: Uint8Array): Uint8Array[] | null {
  const texts: Uint8Array[] = [];
  for (let at = 2; at + 1 < b.length;) {
    if (b[at] !== 0xff) return null;
    const marker = b[at + 1]!;
    if (marker === 0xff) at += 1;
    else if (marker === 0xd9) return at + 2 === b.length ? texts : null;
    else if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) at += 2;
    else {
      if (at + 4 > b.length) return null;
      const end = at + 2 + u16be(b, at + 2);
      if (end < at + 4 || end > b.length) return null;
      if (marker === 0xfe || (marker >= 0xe0 && marker <= 0xef)) texts.push(b.subarray(at + 4, end));
      at = marker === 0xda ? nextMarkerAfterScan(b, end) : end;
    }
  }
  return null;
}

// Inside scan data a 0xFF byte is followed by 0x00 (stuffing) or a restart marker; anything else ends the scan.
function nextMarkerAfterScan(b: Uint8Array, from: number): number {
  for (let i = from; i + 1 < b.length; i++) {
    if (b[i] !== 0xff) continue;
    const next = b[i + 1]!;
    if (next !== 0x00 && !(next >= 0xd0 && next <= 0xd7)) return i;
  }
  return b.length;
}

/** WebP: the RIFF size covers the file exactly, an image chunk comes first, chunks fit. Returns EXIF/XMP data. */
function webpMetadata(b: Uint8Array): Uint8Array[] | null {
  if (b.length < 20 || u32le(b, 4) + 8 !== b.length || !["VP8 ", "VP8L", "VP8X"].includes(ascii(b, 12, 4))) return null;
  const texts: Uint8Array[] = [];
  let at = 12;
  while (at + 8 <= b.length) {
    const size = u32le(b, at + 4);
    const end = at + 8 + size + (size % 2);
    if (end > b.length) return null;
    if (["EXIF", "XMP "].includes(ascii(b, at, 4))) texts.push(b.subarray(at + 8, at + 8 + size));
    at = end;
  }
  return at === b.length ? texts : null;
}

const markup = /<\s*\/?\s*(script|svg|html|iframe|body|object|embed|img|style|meta|link|form)\b|javascript:/;

/** Whether any of the byte ranges, read as text, holds HTML or SVG. */
export function containsMarkup(parts: Uint8Array[]): boolean {
  return parts.some((p) => markup.test(Buffer.from(p).toString("latin1").toLowerCase()));
}

/** The verdict on an uploaded file: its real type, or why it is refused. */
export function inspectImage(bytes: Uint8Array): ImageVerdict {
  if (bytes.length === 0) return { ok: false, problem: "empty" };
  if (bytes.length > MAX_IMAGE_BYTES) return { ok: false, problem: "too_large" };
  const type = detectImageType(bytes);
  const metadata =
    type === "png"
      ? pngMetadata(bytes)
      : type === "jpeg"
        ? jpegMetadata(bytes)
        : type === "webp"
          ? webpMetadata(bytes)
          : null;
  if (!type || !metadata || containsMarkup(metadata)) return { ok: false, problem: "not_an_image" };
  return { ok: true, type };
}
