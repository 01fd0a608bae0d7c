import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "../auth/contract";
import * as s from "../db/schema";
import { createCoop, createProduct } from "../db/seed/factories";
import { setupTestDb } from "../db/test-db";
import { htmlPage, svgScript, tinyJpeg, tinyPng, tinyWebp } from "../../tests/support/images";
import { setupTempUploadDir } from "../../tests/support/upload-dir";
import { createViewer } from "../../tests/support/viewers";
import { saveProductImage } from "./save-product-image";
import { readUpload } from "./uploads";

const t = setupTestDb();
const uploadDir = setupTempUploadDir();
let coopId: string;
let member: Viewer;

beforeAll(async () => {
  coopId = (await createCoop(t.db)).id;
  member = await createViewer(t.db, { memberships: [{ kind: "coop", scopeId: coopId }] });
});

const imageOf = async (id: string) =>
  (await t.db.select({ imagePath: s.products.imagePath }).from(s.products).where(eq(s.products.id, id)))[0]?.imagePath;
const stored = () => fs.readdirSync(uploadDir());

describe("product images", () => {
  it.each([
    ["PNG", tinyPng],
    ["JPEG", tinyJpeg],
    ["WebP", tinyWebp],
  ])(
    "stores a fresh WebP encode of a real %s under a random name, whatever its name and declared type, and serves it back",
    async (_, bytes) => {
      const { product } = await createProduct(t.db, { coopId });
      const { imagePath } = await saveProductImage(
        member,
        product.id,
        new File([bytes], "photo.gif", { type: "text/html" }),
      );
      expect(imagePath).toMatch(/^\/uploads\/[a-z0-9]{24}\.webp$/);
      expect(await imageOf(product.id)).toBe(imagePath);
      const served = await readUpload(path.basename(imagePath));
      expect(served?.contentType).toBe("image/webp");
      // Not the upload's bytes: a new file, WebP by its magic bytes, ending at its RIFF size, no metadata.
      expect(served!.bytes.equals(bytes)).toBe(false);
      expect(served!.bytes.subarray(0, 4).toString("latin1") + served!.bytes.subarray(8, 12).toString("latin1")).toBe(
        "RIFFWEBP",
      );
      expect(served!.bytes.readUInt32LE(4) + 8).toBe(served!.bytes.length);
      const { format, width, height, exif, xmp, icc } = await sharp(served!.bytes).metadata();
      expect({ format, width, height, exif, xmp, icc }).toEqual({
        format: "webp",
        width: 2,
        height: 2,
        exif: undefined,
        xmp: undefined,
        icc: undefined,
      });
    },
  );

  it("a photo with EXIF (GPS, camera) is stored without it", async () => {
    const photo = await sharp({ create: { width: 40, height: 30, channels: 3, background: "#a83" } })
      .withExif({ IFD0: { Make: "PhoneCo", Model: "PhoneCo 12" }, IFD3: { GPSLatitudeRef: "N" } })
      .jpeg()
      .toBuffer();
    const { product } = await createProduct(t.db, { coopId });
    const { imagePath } = await saveProductImage(member, product.id, new Blob([photo]));
    const served = (await readUpload(path.basename(imagePath)))!;
    expect((await sharp(served.bytes).metadata()).exif).toBeUndefined();
    expect(served.bytes.toString("latin1")).not.toContain("PhoneCo");
  });

  it.each([
    ["png", "image/png", tinyPng],
    ["jpeg", "image/jpeg", tinyJpeg],
  ])("an image stored before as .%s is still served with its content type", async (ext, type, bytes) => {
    const name = `${"b".repeat(23)}${ext[0]}.${ext}`;
    fs.writeFileSync(path.join(uploadDir(), name), bytes);
    const served = await readUpload(name);
    expect(served?.contentType).toBe(type);
    expect(served!.bytes.equals(bytes)).toBe(true);
  });

  it("a new image replaces the old file", async () => {
    const { product } = await createProduct(t.db, { coopId });
    const first = await saveProductImage(member, product.id, new Blob([tinyPng]));
    const second = await saveProductImage(member, product.id, new Blob([tinyJpeg]));
    expect(stored()).toContain(path.basename(second.imagePath));
    expect(stored()).not.toContain(path.basename(first.imagePath));
  });

  it.each([
    ["an SVG named .jpg", new File([svgScript], "cat.jpg", { type: "image/jpeg" }), "VALIDATION", "not_an_image"],
    ["HTML named .png", new File([htmlPage], "cat.png", { type: "image/png" }), "VALIDATION", "not_an_image"],
    ["a PNG with a page appended", new Blob([tinyPng, "<script>alert(1)</script>"]), "VALIDATION", "not_an_image"],
    ["an empty file", new Blob([]), "VALIDATION", "required"],
    ["3 MB", new Blob([tinyPng, Buffer.alloc(3 * 1024 * 1024)]), "PAYLOAD_TOO_LARGE", "too_large"],
    ["a text field instead of a file", "hello", "VALIDATION", "required"],
  ])("refuses %s: nothing stored, product unchanged", async (_, file, code, key) => {
    const { product } = await createProduct(t.db, { coopId });
    const before = stored();
    await expect(saveProductImage(member, product.id, file)).rejects.toMatchObject({ code, fields: { image: [key] } });
    expect(await imageOf(product.id)).toBeNull();
    expect(stored()).toEqual(before);
  });

  it("an archived product keeps its image, and the uploaded file is removed again", async () => {
    const { product } = await createProduct(t.db, { coopId, status: "archived" });
    const before = stored();
    await expect(saveProductImage(member, product.id, new Blob([tinyPng]))).rejects.toMatchObject({
      code: "INVALID_STATE",
    });
    expect(stored()).toEqual(before);
  });
});

describe("reading uploads back", () => {
  it.each([
    "../../etc/passwd",
    "..%2f..%2fetc%2fpasswd",
    "x.svg",
    "abc.png",
    "ABCDEFGHIJKLMNOPQRSTUVWX.png",
    "aaaaaaaaaaaaaaaaaaaaaaaa.html",
    "aaaaaaaaaaaaaaaaaaaaaaaa.png/../x",
    "",
  ])("refuses the name %j", async (name) => {
    expect(await readUpload(name)).toBeNull();
  });

  it("answers null for a well-formed name that was never stored", async () => {
    expect(await readUpload("aaaaaaaaaaaaaaaaaaaaaaaa.png")).toBeNull();
  });
});
