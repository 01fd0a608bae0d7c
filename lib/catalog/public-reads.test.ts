import { eq } from "drizzle-orm";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Viewer } from "../auth/contract";
import * as s from "../db/schema";
import { createCoop, createProduct } from "../db/seed/factories";
import { setupTestDb } from "../db/test-db";
import { createViewer } from "../../tests/support/viewers";
import { parseCatalogQuery } from "./contract-browse";
import { changeProductStatus, updateVariant } from "./manage";
import { forgetPublicCatalog, readCatalogPage, readCoopProducts, readProductPage } from "./public-reads";

const t = setupTestDb();
let member: Viewer;
let product: { id: string; slug: string };
let variantId: string;

beforeAll(async () => {
  const coop = await createCoop(t.db, { slug: "memo-coop" });
  member = await createViewer(t.db, { memberships: [{ kind: "coop", scopeId: coop.id }] });
  const made = await createProduct(t.db, {
    coopId: coop.id,
    slug: "memo-rice",
    nameZh: "记忆米",
    variants: [{ sku: "MEMO-1", priceFen: 2000, stock: 30 }],
  });
  product = made.product;
  variantId = made.variants[0]!.id;
});

beforeEach(() => forgetPublicCatalog());

const renameDirectly = (nameZh: string) => t.db.update(s.products).set({ nameZh }).where(eq(s.products.id, product.id));

describe("the shop's memoized catalog reads", () => {
  it("keep the product's text, but read its stock fresh", async () => {
    expect((await readProductPage("memo-rice"))?.nameZh).toBe("记忆米");
    await renameDirectly("改名米");
    await t.db.update(s.variants).set({ stock: 7 }).where(eq(s.variants.id, variantId));
    const again = await readProductPage("memo-rice");
    expect(again?.nameZh).toBe("记忆米");
    expect(again?.variants[0]?.stock).toBe(7);
    forgetPublicCatalog();
    expect((await readProductPage("memo-rice"))?.nameZh).toBe("改名米");
    await renameDirectly("记忆米");
  });

  it("share one listing between identical queries", async () => {
    const query = parseCatalogQuery({ coop: "memo-coop" });
    const first = await readCatalogPage(query);
    expect(await readCatalogPage(parseCatalogQuery({ coop: "memo-coop" }))).toBe(first);
    expect(await readCoopProducts("memo-coop")).toEqual(first);
  });

  it("a catalog write forgets them at once: a new price shows, an archived product is gone", async () => {
    expect((await readProductPage("memo-rice"))?.variants[0]?.priceFen).toBe(2000);
    await updateVariant(member, {
      productId: product.id,
      variantId,
      sku: "MEMO-1",
      labelZh: "标准装",
      labelEn: "Standard",
      price: 2500,
      weightGrams: null,
    });
    expect((await readProductPage("memo-rice"))?.variants[0]?.priceFen).toBe(2500);
    expect((await readCatalogPage(parseCatalogQuery({ coop: "memo-coop" }))).total).toBe(1);
    await changeProductStatus(member, { productId: product.id, status: "archived" });
    expect(await readProductPage("memo-rice")).toBeNull();
    expect((await readCatalogPage(parseCatalogQuery({ coop: "memo-coop" }))).total).toBe(0);
  });
});
