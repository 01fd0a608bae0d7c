import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "../auth/contract";
import * as s from "../db/schema";
import { createCoop } from "../db/seed/factories";
import { setupTestDb } from "../db/test-db";
import { productForm } from "../../tests/support/catalog";
import { createViewer } from "../../tests/support/viewers";
import { createProductInput, updateProductInput } from "./contract-manage";
import { createProduct } from "./create-product";
import { updateProduct } from "./update-product";

const t = setupTestDb();
let coopId: string;
let member: Viewer;

beforeAll(async () => {
  coopId = (await createCoop(t.db)).id;
  member = await createViewer(t.db, { memberships: [{ kind: "coop", scopeId: coopId }] });
});

const pinyinOf = async (id: string) =>
  (
    await t.db
      .select({
        namePinyin: s.products.namePinyin,
        pinyinSyllables: s.products.pinyinSyllables,
        pinyinInitials: s.products.pinyinInitials,
      })
      .from(s.products)
      .where(eq(s.products.id, id))
  )[0];

const create = (fields: Record<string, unknown>) =>
  createProduct(member, createProductInput.parse(productForm({ coopId, ...fields })));
const update = (productId: string, fields: Record<string, unknown>) =>
  updateProduct(member, updateProductInput.parse(productForm({ productId, ...fields })));

describe("pinyin derived when a product is saved", () => {
  it("the pinyin field may be left empty or out: it is derived from the Chinese name", async () => {
    expect(createProductInput.parse(productForm({ coopId, namePinyin: "" })).namePinyin).toBe("");
    expect(createProductInput.parse(productForm({ coopId, namePinyin: undefined })).namePinyin).toBe("");
    const { id } = await create({ nameZh: "湖墩大米", namePinyin: "" });
    expect(await pinyinOf(id)).toEqual({
      namePinyin: "hu dun da mi",
      pinyinSyllables: "hu dun da mi",
      pinyinInitials: "hddm",
    });
  });

  it("typed pinyin overrides the field; syllables and initials still come from the name", async () => {
    const { id } = await create({ nameZh: "湖墩大米", namePinyin: "Hudun  Dami" });
    expect(await pinyinOf(id)).toEqual({
      namePinyin: "hudun dami",
      pinyinSyllables: "hu dun da mi",
      pinyinInitials: "hddm",
    });
  });

  it("a rename re-derives everything, unless the cooperative typed its own pinyin", async () => {
    const derived = await create({ nameZh: "湖墩大米", namePinyin: "" });
    // The edit form sends back the derived pinyin it showed.
    await update(derived.id, { nameZh: "湖墩新米", namePinyin: "hu dun da mi" });
    expect(await pinyinOf(derived.id)).toEqual({
      namePinyin: "hu dun xin mi",
      pinyinSyllables: "hu dun xin mi",
      pinyinInitials: "hdxm",
    });

    const typed = await create({ nameZh: "湖墩大米", namePinyin: "hudun dami" });
    await update(typed.id, { nameZh: "湖墩新米", namePinyin: "hudun dami" });
    expect(await pinyinOf(typed.id)).toEqual({
      namePinyin: "hudun dami",
      pinyinSyllables: "hu dun xin mi",
      pinyinInitials: "hdxm",
    });
  });

  it("still refuses tone marks and other letters in the field", () => {
    const r = createProductInput.safeParse(productForm({ coopId, namePinyin: "hú dūn" }));
    expect(r.success).toBe(false);
  });
});
