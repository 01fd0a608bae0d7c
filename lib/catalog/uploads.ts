import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import { randomBase32 } from "../core/ids";
import { env } from "../env";
import { imageContentTypes, type ImageType } from "./contract-manage";

// Only names we made ourselves: 24 random characters and a type. Nothing else is ever a path. Uploads are
// stored as .webp (a fresh encode); .png and .jpeg names from before that are still served.
const storedName = /^([a-z0-9]{24})\.(png|jpeg|webp)$/;
const isImageType = (v: string): v is ImageType => v in imageContentTypes;
// The folder is configuration, not part of the build: keep the bundler from tracing it.
const inUploadDir = (name: string) => path.join(/*turbopackIgnore: true*/ env().uploadDir, name);

/** Writes the bytes (already re-encoded: see image-check.ts) under a fresh random name; returns the name. */
export async function storeUpload(bytes: Uint8Array, type: ImageType): Promise<string> {
  await fs.mkdir(/*turbopackIgnore: true*/ env().uploadDir, { recursive: true });
  const name = `${randomBase32(24).toLowerCase()}.${type}`;
  await fs.writeFile(inUploadDir(name), bytes, { flag: "wx" });
  return name;
}

/** Deletes a stored upload by its public path (`/uploads/<name>`); other paths and missing files are ignored. */
export async function removeUpload(publicPath: string | null): Promise<void> {
  const name = publicPath?.startsWith("/uploads/") ? publicPath.slice("/uploads/".length) : null;
  if (!name || !storedName.test(name)) return;
  await fs.rm(inUploadDir(name), { force: true });
}

/** A stored image by its name, with its content type; null for any name we did not make or cannot find. */
export async function readUpload(name: string): Promise<{ bytes: Buffer; contentType: string } | null> {
  const m = storedName.exec(name);
  const type = m?.[2];
  if (!type || !isImageType(type)) return null;
  try {
    return { bytes: await fs.readFile(inUploadDir(name)), contentType: imageContentTypes[type] };
  } catch {
    return null;
  }
}
