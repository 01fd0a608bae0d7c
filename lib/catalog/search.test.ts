import { beforeAll, describe, expect, it } from "vitest";
import { newId } from "../core/ids";
import * as s from "../db/schema";
import { seedDemoOnce } from "../db/seed/demo";
import { createCoop, createProduct, createStation, createUser } from "../db/seed/factories";
import { setupTestDb } from "../db/test-db";
import { PAGE_SIZE, parseCatalogQuery } from "./contract-browse";
import { searchProducts } from "./search";

const t = setupTestDb();
const search = (params: Record<string, string | string[]>) => searchProducts(parseCatalogQuery(params), t.db);
const names = async (params: Record<string, string | string[]>) => (await search(params)).products.map((p) => p.nameZh);
const daliuProducts = ["湖墩大米", "湖墩大米礼盒", "大柳村菜籽油"];

beforeAll(async () => {
  await seedDemoOnce(t.db);
});

describe("search", () => {
  it.each([
    "湖墩",
    "湖墩大米",
    "湖墩 大米",
    "hudun",
    "hudundami",
    "hudun dami",
    "HUDUN DAMI",
    "dami hudun",
    "Hudun Rice",
    "hudun rice",
    "hudunrice",
    "hú dūn",
    "ｈｕｄｕｎ",
  ])("%s finds 湖墩大米", async (q) => {
    expect(await names({ q })).toContain("湖墩大米");
  });

  it("every word must match: rice and peach together find nothing", async () => {
    expect(await names({ q: "hudun peach" })).toEqual([]);
    expect(await names({ q: "xyzzy" })).toEqual([]);
  });

  it("finds a cooperative's products by its Chinese or English name", async () => {
    expect((await names({ q: "大柳村丰产" })).sort()).toEqual([...daliuProducts].sort());
    expect((await names({ q: "yellow peach cooperative" })).sort()).toEqual(["姚庄黄桃", "黄桃罐头"].sort());
  });
});

describe("pinyin derived from the Chinese name, and ranking", () => {
  it.each(["hudun", "hd", "hudunmi", "湖墩", "hddm", "HuDun", "hudundami"])("%s finds 湖墩大米 first", async (q) => {
    expect((await names({ q }))[0]).toBe("湖墩大米");
  });

  it("pinyin is matched syllable by syllable, not letter by letter anywhere", async () => {
    expect(await names({ q: "hdmlh" })).toEqual(["湖墩大米礼盒"]);
    expect(await names({ q: "dami" })).toEqual(expect.arrayContaining(["湖墩大米", "湖墩大米礼盒"]));
    expect(await names({ q: "hmd" })).toEqual([]); // h…m…d is not the order of any name's syllables
  });

  it("finds a product by the pinyin and initials of its name when no pinyin was typed", async () => {
    const coop = await createCoop(t.db, { slug: "untyped-pinyin-coop" });
    await createProduct(t.db, { coopId: coop.id, nameZh: "姚庄蜜梨", nameEn: "Pear", namePinyin: "" });
    for (const q of ["yaozhuangmili", "yao zhuang", "yzml", "mili", "yaozhuangli"])
      expect(await names({ q, coop: "untyped-pinyin-coop" })).toEqual(["姚庄蜜梨"]);
  });

  it("exact matches first, then names that start with the query (shortest first), then the rest by the sort", async () => {
    const coop = await createCoop(t.db, { slug: "rank-coop" });
    for (const [nameZh, day, priceFen] of [
      ["米", 1, 3000],
      ["米酒", 2, 2000],
      ["糯米", 10, 500],
      ["小米", 12, 900],
      ["米酒礼盒", 11, 2500],
    ] as const) {
      await createProduct(t.db, {
        coopId: coop.id,
        nameZh,
        publishedAt: new Date(Date.UTC(2026, 9, day)),
        variants: [{ priceFen, stock: 5 }],
      });
    }
    const named = ["米", "米酒", "米酒礼盒"];
    expect(await names({ q: "mi", coop: "rank-coop" })).toEqual([...named, "小米", "糯米"]);
    expect(await names({ q: "米", coop: "rank-coop" })).toEqual([...named, "小米", "糯米"]);
    expect(await names({ q: "mi", coop: "rank-coop", sort: "price_asc" })).toEqual([...named, "糯米", "小米"]);
    // Without a query the chosen order alone decides.
    expect(await names({ coop: "rank-coop" })).toEqual(["小米", "米酒礼盒", "糯米", "米酒", "米"]);
  });
});

describe("card prices", () => {
  it('carry the lowest and highest price on sale, so a single-price product shows no "from"', async () => {
    const cards = (await search({ coop: "daliu-coop" })).products;
    const rice = cards.find((p) => p.slug === "hudun-rice")!;
    expect(rice.maxPriceFen).toBeGreaterThan(rice.minPriceFen);
    for (const card of cards) expect(card.maxPriceFen).toBeGreaterThanOrEqual(card.minPriceFen);
    expect(cards.some((p) => p.maxPriceFen === p.minPriceFen)).toBe(true);
  });
});

describe("filters", () => {
  it("by category", async () => {
    const fruit = await search({ category: "fruit" });
    expect(fruit.products.map((p) => p.nameZh)).toEqual(expect.arrayContaining(["姚庄黄桃", "平湖西瓜"]));
    expect(fruit.products.every((p) => p.category === "fruit")).toBe(true);
  });

  it("by cooperative", async () => {
    expect((await names({ coop: "daliu-coop" })).sort()).toEqual([...daliuProducts].sort());
  });

  it("by origin town", async () => {
    const xitang = await search({ town: "西塘镇" });
    expect(xitang.products.map((p) => p.nameZh).sort()).toEqual(["西塘八珍糕", "西塘手工粽子"].sort());
    expect(xitang.products.every((p) => p.originTownZh === "西塘镇")).toBe(true);
  });

  it("by price range, on the lowest price of the variants on sale", async () => {
    const cheap = await search({ max: "20" });
    expect(cheap.products.map((p) => p.nameZh)).toContain("西塘八珍糕"); // ¥18.80
    expect(cheap.products.every((p) => p.minPriceFen <= 2000)).toBe(true);
    const dear = await search({ min: "100" });
    expect(dear.products.map((p) => p.nameZh)).toContain("湖墩大米礼盒"); // ¥158
    expect(dear.products.every((p) => p.minPriceFen >= 10000)).toBe(true);
    const between = await search({ min: "49.90", max: "69.80" });
    expect(between.products.map((p) => p.minPriceFen).sort()).toEqual([4990, 4990, 5990, 6980]);
  });

  it("combines search and filters", async () => {
    expect(await names({ q: "hudun", category: "grain", max: "100" })).toEqual(["湖墩大米"]);
  });

  it("lists a product only while it has a variant on sale", async () => {
    const coop = await createCoop(t.db, { slug: "no-variant-coop" });
    await createProduct(t.db, { coopId: coop.id, nameZh: "没有规格的商品", variants: [] });
    expect(await names({ coop: "no-variant-coop" })).toEqual([]);
  });
});

describe("sort", () => {
  it("by price, both ways, on the lowest price", async () => {
    const up = (await search({ sort: "price_asc" })).products.map((p) => p.minPriceFen);
    expect(up).toEqual([...up].sort((a, b) => a - b));
    const down = (await search({ sort: "price_desc" })).products.map((p) => p.minPriceFen);
    expect(down).toEqual([...down].sort((a, b) => b - a));
    expect(await names({ coop: "daliu-coop", sort: "price_asc" })).toEqual([
      "湖墩大米",
      "大柳村菜籽油",
      "湖墩大米礼盒",
    ]);
  });

  it("newest first by publication date", async () => {
    const coop = await createCoop(t.db, { slug: "newest-coop" });
    for (const [nameZh, day] of [
      ["旧米", 1],
      ["新米", 20],
      ["中米", 10],
    ] as const) {
      await createProduct(t.db, { coopId: coop.id, nameZh, publishedAt: new Date(Date.UTC(2026, 9, day)) });
    }
    expect(await names({ coop: "newest-coop" })).toEqual(["新米", "中米", "旧米"]);
  });

  it("best-selling by units in order lines that are not cancelled", async () => {
    const coop = await createCoop(t.db, { slug: "best-coop" });
    const make = async (nameZh: string) =>
      (await createProduct(t.db, { coopId: coop.id, nameZh, variants: [{ priceFen: 1000, stock: 100 }] })).variants[0]!;
    const steady = await make("常销品");
    const cancelled = await make("退单品");
    await make("无人问");
    const buyer = await createUser(t.db);
    const station = await createStation(t.db);
    await sell(buyer.id, station.id, coop.id, steady, 5, "placed");
    await sell(buyer.id, station.id, coop.id, cancelled, 3, "confirmed");
    await sell(buyer.id, station.id, coop.id, cancelled, 50, "cancelled");
    expect(await names({ coop: "best-coop", sort: "best_selling" })).toEqual(["常销品", "退单品", "无人问"]);
  });
});

async function sell(
  buyerId: string,
  stationId: string,
  coopId: string,
  variant: { id: string; productId: string },
  quantity: number,
  status: "placed" | "confirmed" | "cancelled",
) {
  const orderId = newId("ord");
  const totalFen = 1000 * quantity;
  await t.db.insert(s.orders).values({
    id: orderId,
    number: `T${orderId.slice(-10).toUpperCase()}`,
    buyerId,
    status: status === "cancelled" ? "cancelled" : "placed",
    fulfillment: "pickup",
    stationId,
    paymentMethod: "pay_at_pickup",
    subtotalFen: totalFen,
    totalFen,
    idempotencyKey: orderId,
    placedAt: new Date(),
  });
  await t.db.insert(s.orderLines).values({
    id: newId("oln"),
    orderId,
    coopId,
    productId: variant.productId,
    variantId: variant.id,
    productNameZh: "商品",
    productNameEn: "Product",
    variantLabelZh: "标准装",
    variantLabelEn: "Standard",
    coopNameZh: "合作社",
    coopNameEn: "Cooperative",
    unitPriceFen: 1000,
    quantity,
    lineTotalFen: totalFen,
    status,
  });
}

describe("pages", () => {
  beforeAll(async () => {
    const coop = await createCoop(t.db, { slug: "paging-coop" });
    for (let i = 0; i < 30; i++)
      await createProduct(t.db, {
        coopId: coop.id,
        nameZh: `分页商品${i}`,
        publishedAt: new Date(Date.UTC(2026, 8, 1, 0, i)),
      });
  });

  it("splits the results into pages of 24 without overlap", async () => {
    const first = await search({ coop: "paging-coop" });
    const second = await search({ coop: "paging-coop", page: "2" });
    expect([first.total, first.pages, first.products.length, second.page, second.products.length]).toEqual([
      30,
      2,
      PAGE_SIZE,
      2,
      6,
    ]);
    const seen = new Set([...first.products, ...second.products].map((p) => p.id));
    expect(seen.size).toBe(30);
  });

  it("a page past the end shows the last page", async () => {
    const past = await search({ coop: "paging-coop", page: "99" });
    expect([past.page, past.products.length, past.total]).toEqual([2, 6, 30]);
    const none = await search({ q: "xyzzy", page: "5" });
    expect([none.page, none.pages, none.total, none.products]).toEqual([1, 1, 0, []]);
  });
});

describe("bad parameters: no error, no extra rows", () => {
  let everything: number;
  beforeAll(async () => {
    everything = (await search({})).total;
  });

  it.each([
    [{ sort: "price;DROP TABLE products" }],
    [{ sort: "name_zh desc" }],
    [{ page: "-1" }],
    [{ min: "abc", category: "weapons", coop: "../../etc" }],
    [{ max: "99999999999" }],
  ])("%j lists the catalog as without it", async (params) => {
    const r = await search(params);
    expect(r.total).toBe(everything);
  });

  it.each(["' OR 1=1--", "%", "_", "\\", "'; DROP TABLE products; --", "%' OR '1'='1"])(
    "search %j matches nothing",
    async (q) => {
      expect((await search({ q })).total).toBe(0);
    },
  );

  it("a town that is no town matches nothing", async () => {
    expect((await search({ town: "' OR 1=1--" })).total).toBe(0);
  });

  it("min above max finds what the right way round finds", async () => {
    const swapped = await search({ min: "70", max: "40" });
    const proper = await search({ min: "40", max: "70" });
    expect(swapped.total).toBeGreaterThan(0);
    expect(swapped.products.map((p) => p.id)).toEqual(proper.products.map((p) => p.id));
  });

  it("the tables are still there", async () => {
    expect((await search({ coop: "daliu-coop" })).total).toBe(3);
  });
});
