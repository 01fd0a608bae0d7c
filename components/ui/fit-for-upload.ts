import { MAX_IMAGE_BYTES } from "@/lib/catalog/contract";

export class TooLarge extends Error {}

async function encode(bitmap: ImageBitmap, longSide: number, quality: number): Promise<Blob | null> {
  const scale = Math.min(1, longSide / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement("canvas");
  canvas.width = Math.round(bitmap.width * scale);
  canvas.height = Math.round(bitmap.height * scale);
  canvas.getContext("2d")?.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  return new Promise((resolve) => canvas.toBlob(resolve, "image/jpeg", quality));
}

/** Phone photos are often over the 2 MB limit: shrink them in the browser first. The server still checks every byte. */
export async function fitForUpload(file: File): Promise<Blob> {
  if (file.size <= MAX_IMAGE_BYTES) return file;
  const bitmap = await createImageBitmap(file).catch(() => null);
  if (!bitmap) throw new TooLarge();
  for (const [longSide, quality] of [
    [1600, 0.85],
    [1200, 0.75],
    [900, 0.7],
  ] as const) {
    const blob = await encode(bitmap, longSide, quality);
    if (blob && blob.size <= MAX_IMAGE_BYTES) return blob;
  }
  throw new TooLarge();
}
