import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "../auth/contract";
import * as s from "../db/schema";
import { createCoop, createProduct as seedProduct } from "../db/seed/factories";
import { setupTestDb } from "../db/test-db";
import { productForm, variantForm } from "../../tests/support/catalog";
import { tinyPng } from "../../tests/support/images";
import { setupTempUploadDir } from "../../tests/support/upload-dir";
import { createViewer } from "../../tests/support/viewers";
import {
  addVariantInput,
  archiveVariantInput,
  changeProductStatusInput,
  createProductInput,
  updateProductInput,
  updateVariantInput,
} from "./contract-manage";
import { addVariant } from "./add-variant";
import { archiveVariant } from "./archive-variant";
import { changeProductStatus } from "./change-product-status";
import { listOwnProducts, resolveWorkspaceCoop } from "./coop-workspace";
import { createProduct } from "./create-product";
import { getProductForEdit } from "./product-for-edit";
import { saveProductImage } from "./save-product-image";
import { updateProduct } from "./update-product";
import { updateVariant } from "./update-variant";

const t = setupTestDb();
setupTempUploadDir();

let coopId: string;
let productId: string;
let variantId: string;
let who: Record<"member" | "otherCoopMember" | "consumer", Viewer>;

beforeAll(async () => {
  const coop = await createCoop(t.db);
  const other = await createCoop(t.db);
  coopId = coop.id;
  const { product, variants } = await seedProduct(t.db, {
    coopId,
    status: "draft",
    variants: [{ priceFen: 1000, stock: 4, sku: "ACCESS-1" }],
  });
  productId = product.id;
  variantId = variants[0]!.id;
  who = {
    member: await createViewer(t.db, { memberships: [{ kind: "coop", scopeId: coop.id }] }),
    otherCoopMember: await createViewer(t.db, { memberships: [{ kind: "coop", scopeId: other.id }] }),
    consumer: await createViewer(t.db),
  };
});

const calls: [string, (v: Viewer | null) => Promise<unknown>][] = [
  ["createProduct", (v) => createProduct(v, createProductInput.parse(productForm({ coopId })))],
  ["updateProduct", (v) => updateProduct(v, updateProductInput.parse(productForm({ productId, nameZh: "改名" })))],
  ["addVariant", (v) => addVariant(v, addVariantInput.parse(variantForm({ productId })))],
  [
    "updateVariant",
    (v) => updateVariant(v, updateVariantInput.parse(variantForm({ productId, variantId, price: "0.01" }))),
  ],
  ["saveProductImage", (v) => saveProductImage(v, productId, new Blob([tinyPng]))],
  ["getProductForEdit", (v) => getProductForEdit(v, productId)],
  ["listOwnProducts", (v) => listOwnProducts(v, coopId)],
  ["resolveWorkspaceCoop", (v) => resolveWorkspaceCoop(v, coopId)],
  // Last, so that the member's run of the list ends with them.
  ["archiveVariant", (v) => archiveVariant(v, archiveVariantInput.parse({ productId, variantId }))],
  [
    "changeProductStatus",
    (v) => changeProductStatus(v, changeProductStatusInput.parse({ productId, status: "archived" })),
  ],
];

async function snapshot() {
  const [product] = await t.db.select().from(s.products).where(eq(s.products.id, productId));
  const variants = await t.db.select().from(s.variants).where(eq(s.variants.productId, productId));
  const count = (await t.db.select({ id: s.products.id }).from(s.products).where(eq(s.products.coopId, coopId))).length;
  return { product, variants, count };
}

describe("only a cooperative's members manage its catalog (someone else's answers 404)", () => {
  describe.each([
    ["another cooperative's member", "otherCoopMember", "NOT_FOUND"],
    ["a consumer", "consumer", "NOT_FOUND"],
    ["an anonymous caller", null, "UNAUTHENTICATED"],
  ] as const)("%s", (_, key, code) => {
    it.each(calls)("%s is refused and writes nothing", async (__, call) => {
      const before = await snapshot();
      await expect(call(key ? who[key] : null)).rejects.toMatchObject({ code });
      expect(await snapshot()).toEqual(before);
    });
  });

  it("a product id of another cooperative answers exactly like a missing one", async () => {
    const foreign = await getProductForEdit(who.otherCoopMember, productId).catch((e: unknown) => e);
    const missing = await getProductForEdit(who.otherCoopMember, "prd_does_not_exist").catch((e: unknown) => e);
    expect(foreign).toMatchObject({ code: "NOT_FOUND" });
    expect(missing).toMatchObject({ code: "NOT_FOUND" });
  });

  it("a variant can only be reached through its own product", async () => {
    const { product: otherProduct } = await seedProduct(t.db, { coopId, status: "draft" });
    await expect(
      updateVariant(who.member, updateVariantInput.parse(variantForm({ productId: otherProduct.id, variantId }))),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("the member may do all of it", async () => {
    expect(await getProductForEdit(who.member, productId)).toMatchObject({ id: productId, coopId });
    expect((await listOwnProducts(who.member, coopId)).map((p) => p.id)).toContain(productId);
    for (const [, call] of calls) await call(who.member);
    expect((await snapshot()).product).toMatchObject({ nameZh: "改名", status: "archived" });
  });
});
