import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { zodFields } from "../auth/error-shape";
import type { Viewer } from "../auth/contract";
import * as s from "../db/schema";
import { createCoop } from "../db/seed/factories";
import { setupTestDb } from "../db/test-db";
import { productForm, variantForm } from "../../tests/support/catalog";
import { createViewer } from "../../tests/support/viewers";
import { addVariant } from "./add-variant";
import { addVariantInput, createProductInput, updateProductInput, updateVariantInput } from "./contract-manage";
import { createProduct } from "./create-product";
import { updateProduct } from "./update-product";
import { updateVariant } from "./update-variant";

const t = setupTestDb();
let coopId: string;
let member: Viewer;

beforeAll(async () => {
  coopId = (await createCoop(t.db)).id;
  member = await createViewer(t.db, { memberships: [{ kind: "coop", scopeId: coopId }] });
});

/** The field errors the transport would answer with, as message keys. */
function fieldErrors(schema: z.ZodType, raw: Record<string, unknown>) {
  const r = schema.safeParse(raw);
  return r.success ? null : zodFields(r.error);
}

const rows = async () => ({
  products: (await t.db.select({ n: count() }).from(s.products))[0]!.n,
  variants: (await t.db.select({ n: count() }).from(s.variants))[0]!.n,
});

describe("product input", () => {
  it.each([
    ["an unknown field (mass assignment of status)", { status: "published" }, { status: ["unknown_field"] }],
    ["an unknown field (price on a product)", { priceFen: "1" }, { priceFen: ["unknown_field"] }],
    ["an over-long Chinese name", { nameZh: "米".repeat(61) }, { nameZh: ["too_long"] }],
    ["an over-long description", { descriptionEn: "x".repeat(8001) }, { descriptionEn: ["too_long"] }],
    ["a missing name", { nameZh: "   " }, { nameZh: ["required"] }],
    ["a slug with spaces and punctuation", { slug: "Bad Slug!" }, { slug: ["invalid_slug"] }],
    ["a slug of one letter", { slug: "a" }, { slug: ["invalid_slug"] }],
    ["a slug with a path", { slug: "../admin" }, { slug: ["invalid_slug"] }],
    ["pinyin with tone marks", { namePinyin: "hú dūn" }, { namePinyin: ["invalid_pinyin"] }],
    ["an unknown category", { category: "weapons" }, { category: ["invalid"] }],
    ["an impossible date", { harvestedOn: "2026-13-45" }, { harvestedOn: ["invalid"] }],
    ["an unknown certification", { certifications: ["green_food", "best_ever"] }, { certifications: ["invalid"] }],
    ["a NUL byte", { nameEn: "rice\u0000" }, { nameEn: ["invalid"] }],
    ["a line break in a one-line field", { summaryZh: "a\nb" }, { summaryZh: ["invalid"] }],
  ])("%s is a field error", (_, patch, expected) => {
    expect(fieldErrors(createProductInput, productForm({ coopId, ...patch }))).toEqual(expected);
  });

  it("the cooperative of an existing product cannot be changed through the form", () => {
    expect(fieldErrors(updateProductInput, productForm({ productId: "prd_x", coopId: "coop_other" }))).toEqual({
      coopId: ["unknown_field"],
    });
  });

  it("normalises what people type: slug and pinyin to lower case, certifications without repeats", () => {
    const input = createProductInput.parse(
      productForm({
        coopId,
        slug: " Hudun-Rice ",
        namePinyin: "Hu  Dun  Da Mi",
        certifications: ["organic", "organic"],
        harvestedOn: "",
      }),
    );
    expect(input).toMatchObject({
      slug: "hudun-rice",
      namePinyin: "hu dun da mi",
      certifications: ["organic"],
      harvestedOn: null,
      harvestBatch: null,
    });
    expect(createProductInput.parse(productForm({ coopId, certifications: "green_food" })).certifications).toEqual([
      "green_food",
    ]);
  });

  it("script-laden text is stored as the text it is", async () => {
    const evil = `<script>alert(1)</script><img src=x onerror=alert(2)>"><svg onload=alert(3)>`;
    const { id } = await createProduct(
      member,
      createProductInput.parse(productForm({ coopId, nameEn: evil.slice(0, 100), descriptionZh: evil })),
    );
    const [row] = await t.db.select().from(s.products).where(eq(s.products.id, id));
    expect(row).toMatchObject({ descriptionZh: evil, nameEn: evil.slice(0, 100) });
  });

  it("a slug that is taken is a field error on slug, and nothing is written", async () => {
    await createProduct(member, createProductInput.parse(productForm({ coopId, slug: "taken-slug" })));
    const before = await rows();
    await expect(
      createProduct(member, createProductInput.parse(productForm({ coopId, slug: "Taken-Slug" }))),
    ).rejects.toMatchObject({ code: "CONFLICT", fields: { slug: ["slug_taken"] } });
    const { id } = await createProduct(member, createProductInput.parse(productForm({ coopId })));
    await expect(
      updateProduct(member, updateProductInput.parse(productForm({ productId: id, slug: "taken-slug" }))),
    ).rejects.toMatchObject({ fields: { slug: ["slug_taken"] } });
    expect((await rows()).products).toBe(before.products + 1);
  });
});

describe("variant input", () => {
  it.each([
    ["0", "invalid_price"],
    ["0.00", "invalid_price"],
    ["-1", "invalid_price"],
    ["1.234", "invalid_price"],
    ["1e3", "invalid_price"],
    ["abc", "invalid_price"],
    ["", "invalid_price"],
    ["99999999999", "invalid_price"],
  ])("price %j is refused", (price, key) => {
    expect(fieldErrors(addVariantInput, variantForm({ productId: "prd_x", price }))).toEqual({ price: [key] });
  });

  it.each([
    ["69.80", 6980],
    ["69.8", 6980],
    ["12", 1200],
    [" 0.01 ", 1],
  ])("price %j is %i fen", (price, fen) => {
    expect(addVariantInput.parse(variantForm({ productId: "prd_x", price })).price).toBe(fen);
  });

  it.each([
    ["an unknown field (stock is not set here)", { stock: "999" }, { stock: ["unknown_field"] }],
    ["an unknown field (priceFen)", { priceFen: "1" }, { priceFen: ["unknown_field"] }],
    ["an over-long label", { labelZh: "装".repeat(31) }, { labelZh: ["too_long"] }],
    ["a SKU with spaces", { sku: "A B" }, { sku: ["invalid_sku"] }],
    ["a weight of 0", { weightGrams: "0" }, { weightGrams: ["invalid"] }],
    ["a weight with decimals", { weightGrams: "1.5" }, { weightGrams: ["invalid"] }],
  ])("%s is a field error", (_, patch, expected) => {
    expect(fieldErrors(addVariantInput, variantForm({ productId: "prd_x", ...patch }))).toEqual(expected);
  });

  it("a SKU that is taken (in any case) is a field error on sku, and nothing is written", async () => {
    const { id } = await createProduct(member, createProductInput.parse(productForm({ coopId })));
    const { id: first } = await addVariant(member, addVariantInput.parse(variantForm({ productId: id, sku: "dup-1" })));
    const { id: second } = await addVariant(
      member,
      addVariantInput.parse(variantForm({ productId: id, sku: "DUP-2" })),
    );
    const before = await rows();
    await expect(
      addVariant(member, addVariantInput.parse(variantForm({ productId: id, sku: "Dup-1" }))),
    ).rejects.toMatchObject({ code: "CONFLICT", fields: { sku: ["sku_taken"] } });
    await expect(
      updateVariant(member, updateVariantInput.parse(variantForm({ productId: id, variantId: second, sku: "DUP-1" }))),
    ).rejects.toMatchObject({ fields: { sku: ["sku_taken"] } });
    expect(await rows()).toEqual(before);
    const [kept] = await t.db.select().from(s.variants).where(eq(s.variants.id, second));
    expect(kept?.sku).toBe("DUP-2");
    expect(first).not.toBe(second);
  });
});
