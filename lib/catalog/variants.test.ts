import { asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "../auth/contract";
import { newId } from "../core/ids";
import * as s from "../db/schema";
import { createCoop, createProduct, createStation, createUser } from "../db/seed/factories";
import { setupTestDb } from "../db/test-db";
import { variantForm } from "../../tests/support/catalog";
import { createViewer } from "../../tests/support/viewers";
import { addVariant } from "./add-variant";
import { archiveVariant } from "./archive-variant";
import { getProductPage } from "./browse";
import { changeProductStatus } from "./change-product-status";
import { addVariantInput, updateVariantInput } from "./contract-manage";
import { updateVariant } from "./update-variant";

const t = setupTestDb();
let coopId: string;
let member: Viewer;

beforeAll(async () => {
  coopId = (await createCoop(t.db)).id;
  member = await createViewer(t.db, { memberships: [{ kind: "coop", scopeId: coopId }] });
});

const variantsOf = (productId: string) =>
  t.db.select().from(s.variants).where(eq(s.variants.productId, productId)).orderBy(asc(s.variants.position));

describe("variants", () => {
  it("are added with stock 0 and no movement, in order, with the price in fen", async () => {
    const { product } = await createProduct(t.db, { coopId, status: "draft", variants: [] });
    await addVariant(
      member,
      addVariantInput.parse(variantForm({ productId: product.id, sku: "ORDER-A", price: "69.80", weightGrams: "" })),
    );
    await addVariant(
      member,
      addVariantInput.parse(variantForm({ productId: product.id, sku: "order-b", price: "128" })),
    );
    const rows = await variantsOf(product.id);
    expect(rows.map((v) => [v.sku, v.priceFen, v.stock, v.position, v.weightGrams])).toEqual([
      ["ORDER-A", 6980, 0, 0, null],
      ["ORDER-B", 12800, 0, 1, 5000],
    ]);
    expect(
      await t.db.select().from(s.inventoryMovements).where(eq(s.inventoryMovements.variantId, rows[0]!.id)),
    ).toEqual([]);
  });

  it("a price change applies to new sales only: placed order lines keep their price", async () => {
    const { product, variants } = await createProduct(t.db, {
      coopId,
      variants: [{ priceFen: 6980, stock: 5, sku: "PRICE-1" }],
    });
    const v = variants[0]!;
    const buyer = await createUser(t.db);
    const station = await createStation(t.db);
    const orderId = newId("ord");
    await t.db.insert(s.orders).values({
      id: orderId,
      number: `E${newId("n").slice(2, 12).toUpperCase()}`,
      buyerId: buyer.id,
      status: "placed",
      fulfillment: "pickup",
      stationId: station.id,
      paymentMethod: "pay_at_pickup",
      subtotalFen: 6980,
      totalFen: 6980,
      idempotencyKey: newId("idem"),
      placedAt: new Date(),
    });
    await t.db.insert(s.orderLines).values({
      id: newId("oln"),
      orderId,
      coopId,
      productId: product.id,
      variantId: v.id,
      productNameZh: product.nameZh,
      productNameEn: product.nameEn,
      variantLabelZh: v.labelZh,
      variantLabelEn: v.labelEn,
      coopNameZh: "社",
      coopNameEn: "coop",
      unitPriceFen: 6980,
      quantity: 1,
      lineTotalFen: 6980,
    });

    await updateVariant(
      member,
      updateVariantInput.parse(variantForm({ productId: product.id, variantId: v.id, sku: "PRICE-1", price: "59.90" })),
    );

    expect((await getProductPage(product.slug))?.variants[0]?.priceFen).toBe(5990);
    const [line] = await t.db.select().from(s.orderLines).where(eq(s.orderLines.orderId, orderId));
    const [order] = await t.db.select().from(s.orders).where(eq(s.orders.id, orderId));
    expect([line?.unitPriceFen, line?.lineTotalFen, order?.totalFen]).toEqual([6980, 6980, 6980]);
  });

  it("archiving takes a variant off sale for good; archived variants cannot be edited", async () => {
    const { product, variants } = await createProduct(t.db, {
      coopId,
      variants: [
        { priceFen: 1000, stock: 2 },
        { priceFen: 2000, stock: 0 },
      ],
    });
    const [first, second] = variants;
    await archiveVariant(member, { productId: product.id, variantId: first!.id });
    expect((await getProductPage(product.slug))?.variants.map((v) => v.id)).toEqual([second!.id]);
    await expect(archiveVariant(member, { productId: product.id, variantId: first!.id })).rejects.toMatchObject({
      code: "INVALID_STATE",
    });
    await expect(
      updateVariant(member, updateVariantInput.parse(variantForm({ productId: product.id, variantId: first!.id }))),
    ).rejects.toMatchObject({ code: "INVALID_STATE" });
  });

  it("an archived product takes no new variants", async () => {
    const { product } = await createProduct(t.db, { coopId, status: "draft" });
    await changeProductStatus(member, { productId: product.id, status: "archived" });
    await expect(
      addVariant(member, addVariantInput.parse(variantForm({ productId: product.id }))),
    ).rejects.toMatchObject({ code: "INVALID_STATE" });
    expect(await variantsOf(product.id)).toHaveLength(1);
  });
});
