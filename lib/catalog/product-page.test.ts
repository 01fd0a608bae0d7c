import { beforeAll, describe, expect, it } from "vitest";
import { seedDemoOnce } from "../db/seed/demo";
import { createCoop, createProduct } from "../db/seed/factories";
import { setupTestDb } from "../db/test-db";
import { getCoopPage, listCoopProducts } from "./coop-page";
import { parseCatalogQuery } from "./contract-browse";
import { listFilterOptions } from "./filter-options";
import { getProductPage, readVariantStock } from "./product-page";
import { searchProducts } from "./search";

const t = setupTestDb();

beforeAll(async () => {
  await seedDemoOnce(t.db);
});

describe("the product page", () => {
  it("carries the variants, the provenance and the cooperative's story", async () => {
    const rice = await getProductPage("hudun-rice", t.db);
    expect(rice).toMatchObject({
      slug: "hudun-rice",
      nameZh: "湖墩大米",
      nameEn: "Hudun Rice",
      originVillageZh: "大柳村",
      originTownZh: "惠民街道",
      harvestedOn: "2026-10-28",
      certifications: ["green_food", "geo_indication"],
      coop: { slug: "daliu-coop", nameZh: "大柳村丰产粮油合作社", villageZh: "嘉善县惠民街道大柳村" },
    });
    expect(rice?.harvestBatch).toBeTruthy();
    expect(rice?.coop.storyZh).toContain("湖墩");
    // 320 + 180 bags seeded; one 5 kg held by the demo 拼团 team's first member, one 10 kg in a demo order at the
    // station and one sold in last week's demo live drop.
    expect(rice?.variants.map((v) => [v.labelZh, v.priceFen, v.stock])).toEqual([
      ["5kg 装", 6980, 319],
      ["10kg 装", 12800, 178],
    ]);
  });

  it("other products of the same cooperative", async () => {
    const rice = await getProductPage("hudun-rice", t.db);
    const coopProducts = await listCoopProducts(rice!.coop.slug, t.db);
    const others = coopProducts.products.filter((p) => p.id !== rice!.id).map((p) => p.slug);
    expect(others.sort()).toEqual(["daliu-rapeseed-oil", "hudun-rice-gift"]);
  });

  it("reads the stock of the variants on sale", async () => {
    const rice = await getProductPage("hudun-rice", t.db);
    expect([...(await readVariantStock(rice!.id, t.db)).values()].sort((a, b) => a - b)).toEqual([178, 319]); // one 5 kg bag held by the demo team, 10 kg: one at the station, one sold last week
  });

  it("an unknown slug is null", async () => {
    expect(await getProductPage("no-such-product", t.db)).toBeNull();
  });
});

describe("the cooperative page", () => {
  it("carries the story, village, town and phone", async () => {
    expect(await getCoopPage("daliu-coop", t.db)).toMatchObject({
      nameZh: "大柳村丰产粮油合作社",
      villageZh: "嘉善县惠民街道大柳村",
      townZh: "惠民街道",
      phone: expect.any(String),
    });
    expect(await getCoopPage("no-such-coop", t.db)).toBeNull();
  });
});

describe("what the public does not see", () => {
  beforeAll(async () => {
    const approved = await createCoop(t.db, { slug: "hidden-test-coop", nameZh: "可见合作社" });
    await createProduct(t.db, {
      coopId: approved.id,
      slug: "draft-product",
      nameZh: "草稿商品",
      status: "draft",
      publishedAt: null,
    });
    await createProduct(t.db, {
      coopId: approved.id,
      slug: "archived-product",
      nameZh: "下架商品",
      status: "archived",
    });
    for (const status of ["pending", "suspended"] as const) {
      const coop = await createCoop(t.db, { slug: `${status}-coop`, nameZh: `${status}合作社`, status });
      await createProduct(t.db, {
        coopId: coop.id,
        slug: `${status}-coop-product`,
        nameZh: `${status}商品`,
        originTownZh: `${status}镇`,
      });
    }
  });

  it.each(["draft-product", "archived-product", "pending-coop-product", "suspended-coop-product"])(
    "%s has no product page",
    async (slug) => {
      expect(await getProductPage(slug, t.db)).toBeNull();
    },
  );

  it.each(["草稿", "下架", "pending", "suspended"])("searching %s finds nothing", async (q) => {
    expect((await searchProducts(parseCatalogQuery({ q }), t.db)).total).toBe(0);
  });

  it("unapproved cooperatives have no page and are not filter choices", async () => {
    expect(await getCoopPage("pending-coop", t.db)).toBeNull();
    expect(await getCoopPage("suspended-coop", t.db)).toBeNull();
    const options = await listFilterOptions(t.db);
    expect(options.coops.map((c) => c.slug)).toContain("daliu-coop");
    expect(options.coops.map((c) => c.slug)).not.toContain("pending-coop");
    // An approved cooperative with nothing published is not a choice either.
    expect(options.coops.map((c) => c.slug)).not.toContain("hidden-test-coop");
    expect(options.towns.map((x) => x.zh)).toEqual(expect.arrayContaining(["惠民街道", "西塘镇"]));
    expect(options.towns.map((x) => x.zh)).not.toContain("pending镇");
  });
});
