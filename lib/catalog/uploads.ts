import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import { env } from "../env";
import { contentTypes, type ImageType } from "./image-type";

const namePattern = /^[a-z0-9]{24}\.(png|jpeg|webp)$/;

export function uploadPath(name: string): string {
  return path.join(env().uploadDir, name);
}

/** An uploaded image by its stored name; null for anything that is not one of ours (no path tricks). */
export async function readUpload(name: string): Promise<{ bytes: Buffer; contentType: string } | null> {
  const m = namePattern.exec(name);
  if (!m) return null;
  try {
    return { bytes: await fs.readFile(uploadPath(name)), contentType: contentTypes[m[1] as ImageType] };
  } catch {
    return null;
  }
}
