import fs from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
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
    ["PNG", tinyPng, "png", "image/png"],
    ["JPEG", tinyJpeg, "jpeg", "image/jpeg"],
    ["WebP", tinyWebp, "webp", "image/webp"],
  ])(
    "stores a real %s under a random name with the detected extension, and serves it back",
    async (_, bytes, ext, type) => {
      const { product } = await createProduct(t.db, { coopId });
      const { imagePath } = await saveProductImage(
        member,
        product.id,
        new File([bytes], "photo.gif", { type: "text/html" }),
      );
      expect(imagePath).toMatch(new RegExp(`^/uploads/[a-z0-9]{24}\\.${ext}$`));
      expect(await imageOf(product.id)).toBe(imagePath);
      const served = await readUpload(path.basename(imagePath));
      expect(served?.contentType).toBe(type);
      expect(Buffer.compare(served!.bytes, bytes)).toBe(0);
    },
  );

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
