import { describe, expect, it } from "vitest";
import { PRICE_FILTER_CAP_FEN, parseCatalogQuery } from "./contract-browse";

const defaults = {
  q: "",
  category: undefined,
  coop: undefined,
  town: undefined,
  min: undefined,
  max: undefined,
  sort: "newest",
  page: 1,
};

describe("parseCatalogQuery: untrusted search params become a valid query, never an error", () => {
  it("no params: the defaults", () => {
    expect(parseCatalogQuery({})).toEqual(defaults);
  });

  it("reads every param", () => {
    expect(
      parseCatalogQuery({
        q: " 湖墩 ",
        category: "grain",
        coop: "daliu-coop",
        town: "西塘镇",
        min: "12.5",
        max: "100",
        sort: "price_asc",
        page: "3",
      }),
    ).toEqual({
      q: "湖墩",
      category: "grain",
      coop: "daliu-coop",
      town: "西塘镇",
      min: 1250,
      max: 10000,
      sort: "price_asc",
      page: 3,
    });
  });

  it.each([
    ["sort", { sort: "price;DROP TABLE products" }, { sort: "newest" }],
    ["sort column name", { sort: "name_zh" }, { sort: "newest" }],
    ["negative page", { page: "-1" }, { page: 1 }],
    ["fractional page", { page: "1.5" }, { page: 1 }],
    ["page of words", { page: "abc" }, { page: 1 }],
    ["unknown category", { category: "weapons" }, { category: undefined }],
    ["coop with a path", { coop: "../../etc" }, { coop: undefined }],
    ["price of words", { min: "abc", max: "¥20" }, { min: undefined, max: undefined }],
    ["negative price", { min: "-5" }, { min: undefined }],
    ["three decimals", { max: "1.999" }, { max: undefined }],
    ["empty fields of a submitted form", { q: "", coop: "", town: "", min: "", max: "" }, {}],
  ])("%s falls back to the default", (_name, params, expected) => {
    expect(parseCatalogQuery(params)).toEqual({ ...defaults, ...expected });
  });

  it("keeps a SQL-looking search as plain text (it is sent as a parameter)", () => {
    expect(parseCatalogQuery({ q: "' OR 1=1--" }).q).toBe("' OR 1=1--");
  });

  it("a price range the wrong way round is read the right way round", () => {
    expect(parseCatalogQuery({ min: "50", max: "10" })).toMatchObject({ min: 1000, max: 5000 });
  });

  it("caps a huge price instead of overflowing the integer column", () => {
    expect(parseCatalogQuery({ max: "999999999" }).max).toBe(PRICE_FILTER_CAP_FEN);
  });

  it("cuts a long search and takes the first of repeated params", () => {
    expect(parseCatalogQuery({ q: "米".repeat(100) }).q).toHaveLength(60);
    expect(parseCatalogQuery({ q: ["hudun", "peach"], sort: ["price_desc", "newest"] })).toMatchObject({
      q: "hudun",
      sort: "price_desc",
    });
  });
});
