import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "../auth/contract";
import * as s from "../db/schema";
import { createCoop, createProduct } from "../db/seed/factories";
import { setupTestDb } from "../db/test-db";
import { createViewer } from "../../tests/support/viewers";
import { changeProductStatus } from "./change-product-status";
import { productStatuses, type ProductStatus } from "./contract-manage";
import { getProductPage } from "./browse";
import { productMachine, variantMachine } from "./product-state";

const allowed: Record<ProductStatus, ProductStatus[]> = {
  draft: ["published", "archived"],
  published: ["draft", "archived"],
  archived: [],
};

describe("product state machine: every pair of states", () => {
  const pairs = productStatuses.flatMap((from) =>
    productStatuses.map((to) => [from, to, allowed[from].includes(to)] as const),
  );
  it.each(pairs)("%s → %s allowed: %s", (from, to, ok) => {
    expect(productMachine.can(from, to)).toBe(ok);
    if (ok) expect(() => productMachine.assert(from, to)).not.toThrow();
    else expect(() => productMachine.assert(from, to)).toThrow(expect.objectContaining({ code: "INVALID_STATE" }));
  });

  it("a variant goes active → archived, and never back", () => {
    expect(variantMachine.can("active", "archived")).toBe(true);
    expect(variantMachine.can("archived", "active")).toBe(false);
    expect(variantMachine.can("archived", "archived")).toBe(false);
  });
});

describe("changeProductStatus", () => {
  const t = setupTestDb();
  let coopId: string;
  let member: Viewer;

  beforeAll(async () => {
    coopId = (await createCoop(t.db)).id;
    member = await createViewer(t.db, { memberships: [{ kind: "coop", scopeId: coopId }] });
  });

  const row = async (id: string) => (await t.db.select().from(s.products).where(eq(s.products.id, id)))[0]!;

  it.each(productStatuses.flatMap((from) => productStatuses.map((to) => [from, to] as const)))(
    "%s → %s through the use case",
    async (from, to) => {
      const { product } = await createProduct(t.db, {
        coopId,
        status: from,
        publishedAt: from === "published" ? new Date("2026-11-01T00:00:00Z") : null,
      });
      const before = await row(product.id);
      const attempt = changeProductStatus(member, { productId: product.id, status: to });
      if (allowed[from].includes(to)) {
        await expect(attempt).resolves.toEqual({ status: to });
        expect((await row(product.id)).status).toBe(to);
      } else {
        await expect(attempt).rejects.toMatchObject({
          code: "INVALID_STATE",
          message: `product: cannot go from ${from} to ${to}`,
        });
        expect(await row(product.id)).toEqual(before);
      }
    },
  );

  it("publishing needs a variant on sale; the refusal writes nothing", async () => {
    const { product } = await createProduct(t.db, { coopId, status: "draft", publishedAt: null, variants: [] });
    await expect(changeProductStatus(member, { productId: product.id, status: "published" })).rejects.toMatchObject({
      code: "INVALID_STATE",
    });
    expect((await row(product.id)).status).toBe("draft");
  });

  it("publishing shows the product in the shop and keeps its first publication date; unpublishing hides it", async () => {
    const { product } = await createProduct(t.db, { coopId, status: "draft", publishedAt: null });
    await changeProductStatus(member, { productId: product.id, status: "published" });
    const first = (await row(product.id)).publishedAt;
    expect(first).toBeInstanceOf(Date);
    expect(await getProductPage(product.slug)).not.toBeNull();
    await changeProductStatus(member, { productId: product.id, status: "draft" });
    expect(await getProductPage(product.slug)).toBeNull();
    await changeProductStatus(member, { productId: product.id, status: "published" });
    expect((await row(product.id)).publishedAt).toEqual(first);
  });
});
