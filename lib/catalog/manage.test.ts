import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as s from "../db/schema";
import { createCoop, createProduct as seedProduct } from "../db/seed/factories";
import { setupTestDb } from "../db/test-db";
import { createViewer } from "../../tests/support/viewers";
import { getProductPage } from "./browse";
import { changeProductStatus, createProduct, updateProduct } from "./manage-products";
import { archiveVariant, createVariant, updateVariant } from "./manage-variants";
import { productMachine } from "./product-state";

const t = setupTestDb();

const fields = {
  slug: "new-rice",
  category: "grain",
  nameZh: "新米",
  nameEn: "New rice",
  namePinyin: "Xin Mi",
  summaryZh: "",
  summaryEn: "",
  descriptionZh: "<script>alert(1)</script>",
  descriptionEn: "",
  originVillageZh: "大柳村",
  originVillageEn: "Daliu",
  originTownZh: "惠民街道",
  originTownEn: "Huimin",
  harvestBatch: "",
  harvestedOn: "2026-10-28",
  certifications: ["green_food", "green_food", "organic"],
};

async function setup() {
  const coop = await createCoop(t.db);
  const other = await createCoop(t.db);
  const member = await createViewer(t.db, { memberships: [{ kind: "coop", scopeId: coop.id }] });
  const stranger = await createViewer(t.db, { memberships: [{ kind: "coop", scopeId: other.id }] });
  const consumer = await createViewer(t.db);
  return { coop, other, member, stranger, consumer };
}

const products = async () => (await t.db.select({ n: count() }).from(s.products))[0]!.n;

describe("cooperative catalog management", () => {
  it("creates a draft, adds a variant, publishes; the shop shows it with text kept inert", async () => {
    const { coop, member } = await setup();
    const { id } = await createProduct(member, { ...fields, slug: "flow-rice", coopId: coop.id });
    await expect(changeProductStatus(member, { productId: id, status: "published" })).rejects.toMatchObject({ code: "INVALID_STATE" });
    await createVariant(member, { productId: id, labelZh: "5kg", labelEn: "5 kg", sku: "flow-5", price: "69.80" });
    await changeProductStatus(member, { productId: id, status: "published" });
    const page = await getProductPage("flow-rice");
    expect(page?.variants[0]).toMatchObject({ priceFen: 6980, stock: 0 });
    expect(page?.descriptionZh).toBe("<script>alert(1)</script>");
    expect(page?.certifications).toEqual(["green_food", "organic"]);
    const [row] = await t.db.select().from(s.products).where(eq(s.products.id, id));
    expect(row?.namePinyin).toBe("xin mi");
  });

  it("another cooperative's member, a consumer and an anonymous caller get NOT_FOUND / UNAUTHENTICATED", async () => {
    const { coop, member, stranger, consumer } = await setup();
    const { id } = await createProduct(member, { ...fields, slug: "mine-only", coopId: coop.id });
    await expect(createProduct(stranger, { ...fields, slug: "x1", coopId: coop.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(updateProduct(stranger, { ...fields, slug: "x2", productId: id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(changeProductStatus(consumer, { productId: id, status: "archived" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(createVariant(null, { productId: id, labelZh: "a", labelEn: "a", sku: "z", price: "1" })).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
  });

  it.each([
    ["unknown field", { status: "published" }],
    ["over-long name", { nameZh: "米".repeat(61) }],
    ["bad slug", { slug: "Bad Slug!" }],
    ["bad date", { harvestedOn: "2026-13-45" }],
    ["bad category", { category: "weapons" }],
    ["bad pinyin", { namePinyin: "hú dūn" }],
  ])("%s: field error, nothing written", async (_, patch) => {
    const { coop, member } = await setup();
    const before = await products();
    await expect(createProduct(member, { ...fields, slug: "v-" + Math.random().toString(36).slice(2, 8), coopId: coop.id, ...patch })).rejects.toMatchObject({ name: "ZodError" });
    expect(await products()).toBe(before);
  });

  it("a taken slug or SKU is a field error", async () => {
    const { coop, member } = await setup();
    await createProduct(member, { ...fields, slug: "dup-slug", coopId: coop.id });
    await expect(createProduct(member, { ...fields, slug: "dup-slug", coopId: coop.id })).rejects.toMatchObject({ code: "CONFLICT", fields: { slug: ["slug_taken"] } });
    const { id } = await createProduct(member, { ...fields, slug: "dup-sku", coopId: coop.id });
    await createVariant(member, { productId: id, labelZh: "a", labelEn: "a", sku: "DUP-1", price: "1" });
    await expect(createVariant(member, { productId: id, labelZh: "b", labelEn: "b", sku: "dup-1", price: "1" })).rejects.toMatchObject({ fields: { sku: ["sku_taken"] } });
  });

  it.each(["0", "-1", "1.234", "abc", "1e3", ""])("price %j is refused", async (price) => {
    const { coop, member } = await setup();
    const { product } = await seedProduct(t.db, { coopId: coop.id });
    await expect(createVariant(member, { productId: product.id, labelZh: "a", labelEn: "a", sku: `P${Math.random().toString(36).slice(2, 8)}`, price })).rejects.toMatchObject({ name: "ZodError" });
  });

  it("a price change does not touch past orders' lines; archiving takes the variant off sale", async () => {
    const { coop, member } = await setup();
    const { product, variants } = await seedProduct(t.db, { coopId: coop.id, slug: "price-change", variants: [{ priceFen: 1000, stock: 5, sku: "PC-1" }] });
    await updateVariant(member, { variantId: variants[0]!.id, labelZh: "新", labelEn: "new", sku: "PC-1", price: "12.50" });
    expect((await getProductPage("price-change"))?.variants[0]?.priceFen).toBe(1250);
    await archiveVariant(member, { variantId: variants[0]!.id });
    expect((await getProductPage("price-change"))?.variants).toEqual([]);
    await expect(archiveVariant(member, { variantId: variants[0]!.id })).rejects.toMatchObject({ code: "INVALID_STATE" });
    expect(product.id).toBeTruthy();
  });
});

describe("product state machine", () => {
  const table = { draft: ["published", "archived"], published: ["draft", "archived"], archived: ["draft"] } as const;
  for (const from of productMachine.states) for (const to of productMachine.states) {
    it(`${from} → ${to}`, () => expect(productMachine.can(from, to)).toBe((table[from] as readonly string[]).includes(to)));
  }
});
