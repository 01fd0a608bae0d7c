import { describe, expect, it, beforeAll } from "vitest";
import * as s from "../db/schema";
import { createCoop, createProduct, createUser } from "../db/seed/factories";
import { seedDemoOnce } from "../db/seed/demo";
import { setupTestDb } from "../db/test-db";
import { newId } from "../core/ids";
import { getCoopPage, getProductPage, listCoopProducts, searchProducts } from "./browse";
import { catalogQuery } from "./contract-browse";

const t = setupTestDb();
const q = (params: Record<string, string>) => searchProducts(catalogQuery.parse(params));
const names = async (params: Record<string, string>) => (await q(params)).products.map((p) => p.nameZh);

beforeAll(async () => {
  await seedDemoOnce(t.db);
});

describe("catalog search, filters and sort", () => {
  it.each(["湖墩", "hudun", "hudundami", "hudun dami", "HUDUN RICE", "Hudun"])("%s finds 湖墩大米", async (term) => {
    expect(await names({ q: term })).toContain("湖墩大米");
  });

  it("matches the cooperative's name too", async () => {
    expect(await names({ q: "大柳村丰产" })).toEqual(expect.arrayContaining(["湖墩大米", "大柳村菜籽油"]));
  });

  it("filters by category, cooperative, origin town and price", async () => {
    expect(await names({ category: "fruit" })).toEqual(expect.arrayContaining(["姚庄黄桃", "平湖西瓜"]));
    expect((await names({ category: "fruit" })).includes("湖墩大米")).toBe(false);
    expect((await names({ coop: "daliu-coop" })).sort()).toEqual(["大柳村菜籽油", "湖墩大米", "湖墩大米礼盒"].sort());
    expect(await names({ town: "西塘镇" })).toEqual(expect.arrayContaining(["西塘八珍糕", "西塘手工粽子"]));
    const cheap = (await q({ max: "20" })).products;
    expect(cheap.length).toBeGreaterThan(0);
    expect(cheap.every((p) => p.minPriceFen <= 2000)).toBe(true);
    expect((await q({ min: "100" })).products.every((p) => p.minPriceFen >= 10000)).toBe(true);
  });

  it("sorts by price both ways, newest and best-selling", async () => {
    const asc = (await q({ sort: "price_asc" })).products.map((p) => p.minPriceFen);
    expect(asc).toEqual([...asc].sort((a, b) => a - b));
    const desc = (await q({ sort: "price_desc" })).products.map((p) => p.minPriceFen);
    expect(desc).toEqual([...desc].sort((a, b) => b - a));
    // Sell 5 bags of rice oil: it becomes the best seller.
    const buyer = await createUser(t.db);
    const orderId = newId("ord");
    await t.db.insert(s.orders).values({ id: orderId, number: "E261128BEST01", buyerId: buyer.id, status: "placed", fulfillment: "pickup", stationId: "stn_huimin", paymentMethod: "pay_at_pickup", subtotalFen: 37500, totalFen: 37500, idempotencyKey: "best-seller", placedAt: new Date() });
    await t.db.insert(s.orderLines).values({ id: newId("oln"), orderId, coopId: "coop_daliu", productId: "prd_daliu_rapeseed_oil", variantId: "var_oil_2500", productNameZh: "菜籽油", productNameEn: "oil", variantLabelZh: "2.5L", variantLabelEn: "2.5 L", coopNameZh: "c", coopNameEn: "c", unitPriceFen: 7500, quantity: 5, lineTotalFen: 37500 });
    expect((await names({ sort: "best_selling" }))[0]).toBe("大柳村菜籽油");
  });

  it.each([
    [{ sort: "price;DROP TABLE products" }],
    [{ q: "' OR 1=1--" }],
    [{ min: "50", max: "10" }],
    [{ page: "-1" }],
    [{ min: "abc", category: "weapons", coop: "../../etc" }],
    [{ q: "%" }],
    [{ q: "_" }],
  ])("bad parameters %j: no error and no extra rows", async (params) => {
    const all = (await q({})).total;
    const r = await q(params as Record<string, string>);
    expect(r.total).toBeLessThanOrEqual(all);
    if ("q" in params) expect(r.total).toBe(0);
  });

  it("paginates", async () => {
    const r = await q({ page: "2" });
    expect(r.page).toBe(2);
    expect(r.products).toHaveLength(0);
  });
});

describe("product and cooperative pages", () => {
  it("the product page carries variants, provenance and the cooperative's story", async () => {
    const p = await getProductPage("hudun-rice");
    expect(p?.variants.map((v) => v.labelZh)).toEqual(["5kg 装", "10kg 装"]);
    expect(p).toMatchObject({ originVillageZh: "大柳村", harvestedOn: "2026-10-28", certifications: ["green_food", "geo_indication"] });
    expect(p?.coop.storyZh).toContain("湖墩");
    const others = await listCoopProducts("daliu-coop", { exceptProductId: p!.id });
    expect(others.map((o) => o.slug).sort()).toEqual(["daliu-rapeseed-oil", "hudun-rice-gift"]);
  });

  it("unpublished products and unapproved cooperatives are invisible", async () => {
    const pending = await createCoop(t.db, { slug: "pending-coop", status: "pending" });
    await createProduct(t.db, { coopId: pending.id, slug: "pending-product", nameZh: "待审核商品" });
    const approved = await createCoop(t.db, { slug: "ok-coop" });
    await createProduct(t.db, { coopId: approved.id, slug: "draft-product", nameZh: "草稿商品", status: "draft" });
    expect(await getProductPage("pending-product")).toBeNull();
    expect(await getProductPage("draft-product")).toBeNull();
    expect(await getCoopPage("pending-coop")).toBeNull();
    expect(await names({ q: "待审核" })).toEqual([]);
    expect(await names({ q: "草稿" })).toEqual([]);
  });
});
