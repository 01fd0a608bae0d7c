import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { ActionResult, Viewer } from "@/lib/auth/contract";
import * as s from "@/lib/db/schema";
import { createCoop, createProduct } from "@/lib/db/seed/factories";
import { setupTestDb } from "@/lib/db/test-db";
import { productForm, variantForm } from "@/tests/support/catalog";
import { createViewer } from "@/tests/support/viewers";
import { adjustStockAction } from "../stock/actions";
import { addVariantAction, changeProductStatusAction, createProductAction, updateVariantAction } from "./actions";

// What a Next request would supply: who is signed in, and the request's headers.
const request = vi.hoisted(() => ({
  viewer: null as unknown,
  headers: new Headers({ origin: "http://shop.test", host: "shop.test" }),
}));
vi.mock("next/headers", () => ({
  headers: async () => request.headers,
  cookies: async () => ({ get: () => undefined }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
vi.mock("@/lib/auth/viewer", () => ({ getViewer: async () => request.viewer }));

const t = setupTestDb();
let coopId: string;
let member: Viewer;
let productId: string;
let variantId: string;

beforeAll(async () => {
  coopId = (await createCoop(t.db)).id;
  member = await createViewer(t.db, { memberships: [{ kind: "coop", scopeId: coopId }] });
  const { product, variants } = await createProduct(t.db, {
    coopId,
    status: "draft",
    variants: [{ priceFen: 6980, stock: 3, sku: "ACT-1" }],
  });
  productId = product.id;
  variantId = variants[0]!.id;
});

const form = (fields: Record<string, unknown>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const x of ([] as unknown[]).concat(v)) f.append(k, String(x));
  return f;
};
type Action = (prev: ActionResult<unknown> | null, data: FormData) => Promise<ActionResult<unknown>>;
const submit = (action: Action, fields: Record<string, unknown>, as: Viewer | null = member) => {
  request.viewer = as;
  return action(null, form(fields));
};
const counts = async () => ({
  products: (await t.db.select({ n: count() }).from(s.products))[0]!.n,
  variants: (await t.db.select({ n: count() }).from(s.variants))[0]!.n,
  movements: (await t.db.select({ n: count() }).from(s.inventoryMovements))[0]!.n,
});

describe("coop server actions parse the form strictly and check access", () => {
  it.each([
    ["price 0", variantForm({ productId, price: "0" }), "price"],
    ["price -1", variantForm({ productId, price: "-1" }), "price"],
    ["price 1.234", variantForm({ productId, price: "1.234" }), "price"],
    ["a smuggled stock field", variantForm({ productId, stock: "999" }), "stock"],
  ])("add variant with %s: field error, nothing written", async (_, fields, field) => {
    const before = await counts();
    const result = await submit(addVariantAction, fields);
    expect(result).toMatchObject({ ok: false, code: "VALIDATION", fields: { [field]: [expect.any(String)] } });
    expect(await counts()).toEqual(before);
  });

  it("create product with an over-long name and a bad slug: both fields named, in Chinese", async () => {
    const before = await counts();
    const result = await submit(
      createProductAction,
      productForm({ coopId, nameZh: "米".repeat(61), slug: "Bad Slug!" }),
    );
    expect(result).toEqual({
      ok: false,
      code: "VALIDATION",
      message: expect.any(String),
      fields: { nameZh: ["太长了"], slug: ["只能用小写字母、数字和连字符"] },
    });
    expect(await counts()).toEqual(before);
  });

  it("a duplicate SKU is a field error on sku", async () => {
    const result = await submit(addVariantAction, variantForm({ productId, sku: "act-1" }));
    expect(result).toMatchObject({ ok: false, code: "CONFLICT", fields: { sku: ["这个 SKU 已被使用"] } });
  });

  it("an illegal status change is INVALID_STATE and writes nothing", async () => {
    const result = await submit(changeProductStatusAction, { productId, status: "draft" });
    expect(result).toMatchObject({ ok: false, code: "INVALID_STATE" });
  });

  it("stock below zero is refused with a clear field message", async () => {
    const before = await counts();
    const result = await submit(adjustStockAction, { variantId, delta: "-4", reason: "盘点" });
    expect(result).toMatchObject({ ok: false, code: "INVALID_STATE", fields: { delta: ["调整后库存不能小于 0"] } });
    expect(await counts()).toEqual(before);
  });

  it.each([
    [
      "another cooperative's member",
      "NOT_FOUND",
      async (): Promise<Viewer | null> =>
        createViewer(t.db, { memberships: [{ kind: "coop", scopeId: (await createCoop(t.db)).id }] }),
    ],
    ["a consumer", "NOT_FOUND", async (): Promise<Viewer | null> => createViewer(t.db)],
    ["an anonymous caller", "UNAUTHENTICATED", async (): Promise<Viewer | null> => null],
  ] as const)("%s gets %s from every action", async (_, code, who) => {
    const viewer = await who();
    const before = await counts();
    const [price] = await t.db.select({ p: s.variants.priceFen }).from(s.variants).where(eq(s.variants.id, variantId));
    for (const [action, fields] of [
      [createProductAction, productForm({ coopId })],
      [addVariantAction, variantForm({ productId })],
      [updateVariantAction, variantForm({ productId, variantId, sku: "ACT-1", price: "0.01" })],
      [changeProductStatusAction, { productId, status: "archived" }],
      [adjustStockAction, { variantId, delta: "-1", reason: "x" }],
    ] as const) {
      expect(await submit(action, fields, viewer)).toMatchObject({ ok: false, code });
    }
    expect(await counts()).toEqual(before);
    expect(
      (await t.db.select({ p: s.variants.priceFen }).from(s.variants).where(eq(s.variants.id, variantId)))[0],
    ).toEqual(price);
  });

  it("a cross-site post is refused before anything else", async () => {
    request.headers = new Headers({ origin: "https://evil.tld", host: "shop.test" });
    try {
      expect(await submit(addVariantAction, variantForm({ productId }))).toMatchObject({
        ok: false,
        code: "FORBIDDEN",
      });
    } finally {
      request.headers = new Headers({ origin: "http://shop.test", host: "shop.test" });
    }
  });

  it("the member's valid form goes through", async () => {
    expect(await submit(addVariantAction, variantForm({ productId, sku: "ACT-2", price: "39.90" }))).toMatchObject({
      ok: true,
    });
    const [row] = await t.db.select().from(s.variants).where(eq(s.variants.sku, "ACT-2"));
    expect(row).toMatchObject({ priceFen: 3990, stock: 0 });
  });
});
