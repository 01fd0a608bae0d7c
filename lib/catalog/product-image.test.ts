import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import * as s from "../db/schema";
import { createCoop, createProduct } from "../db/seed/factories";
import { setupTestDb } from "../db/test-db";
import { resetEnvForTests } from "../env";
import { createViewer } from "../../tests/support/viewers";
import { saveProductImage } from "./product-image";
import { readUpload } from "./uploads";

const t = setupTestDb();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "elian-uploads-"));
process.env.UPLOAD_DIR = dir;
resetEnvForTests();
afterAll(() => {
  delete process.env.UPLOAD_DIR;
  resetEnvForTests();
});

const png = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex");

async function setup() {
  const coop = await createCoop(t.db);
  const member = await createViewer(t.db, { memberships: [{ kind: "coop", scopeId: coop.id }] });
  const { product } = await createProduct(t.db, { coopId: coop.id });
  return { member, product };
}

describe("product images", () => {
  it("stores a real PNG under a random name and serves it back as image/png", async () => {
    const { member, product } = await setup();
    const { imagePath } = await saveProductImage(member, product.id, new Blob([png], { type: "image/png" }));
    expect(imagePath).toMatch(/^\/uploads\/[a-z0-9]{24}\.png$/);
    const [row] = await t.db.select().from(s.products).where(eq(s.products.id, product.id));
    expect(row?.imagePath).toBe(imagePath);
    const served = await readUpload(imagePath.split("/").pop()!);
    expect(served?.contentType).toBe("image/png");
  });

  it.each([
    ["an SVG named .jpg", new Blob(['<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'], { type: "image/jpeg" }), "VALIDATION"],
    ["HTML", new Blob(["<html><script>alert(1)</script></html>"], { type: "image/png" }), "VALIDATION"],
    ["a polyglot", new Blob([png, "<script>alert(1)</script>"], { type: "image/png" }), "VALIDATION"],
    ["an empty file", new Blob([]), "VALIDATION"],
    ["3 MB", new Blob([png, Buffer.alloc(3 * 1024 * 1024)]), "PAYLOAD_TOO_LARGE"],
    ["not a file", "hello", "VALIDATION"],
  ])("refuses %s", async (_, file, code) => {
    const { member, product } = await setup();
    await expect(saveProductImage(member, product.id, file)).rejects.toMatchObject({ code });
    const [row] = await t.db.select().from(s.products).where(eq(s.products.id, product.id));
    expect(row?.imagePath).toBeNull();
  });

  it("another cooperative's product answers NOT_FOUND", async () => {
    const { product } = await setup();
    const stranger = await createViewer(t.db, { memberships: [{ kind: "coop", scopeId: "coop_else" }] });
    await expect(saveProductImage(stranger, product.id, new Blob([png]))).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("the upload reader refuses names that are not ours", async () => {
    for (const name of ["../../etc/passwd", "x.svg", "%2e%2e%2fsecret", "abc.png"]) expect(await readUpload(name)).toBeNull();
  });
});
