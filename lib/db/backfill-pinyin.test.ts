import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { backfillProductPinyin } from "./backfill-pinyin";
import * as s from "./schema";
import { createCoop, createProduct } from "./seed/factories";
import { setupTestDb } from "./test-db";

const t = setupTestDb();

const keysOf = async (id: string) =>
  (
    await t.db
      .select({
        namePinyin: s.products.namePinyin,
        pinyinSyllables: s.products.pinyinSyllables,
        pinyinInitials: s.products.pinyinInitials,
        updatedAt: s.products.updatedAt,
      })
      .from(s.products)
      .where(eq(s.products.id, id))
  )[0]!;

describe("backfilling product pinyin (rows saved before it was derived)", () => {
  it("fills syllables and initials from the Chinese name, and the pinyin field only when it was empty", async () => {
    const coop = await createCoop(t.db);
    const before = { pinyinSyllables: "", pinyinInitials: "" };
    const blank = (await createProduct(t.db, { coopId: coop.id, nameZh: "姚庄黄桃", namePinyin: "", ...before }))
      .product;
    const typed = (
      await createProduct(t.db, { coopId: coop.id, nameZh: "湖墩大米", namePinyin: "hudun dami", ...before })
    ).product;
    const done = (await createProduct(t.db, { coopId: coop.id, nameZh: "平湖西瓜" })).product;
    const doneBefore = await keysOf(done.id);

    expect(await backfillProductPinyin(t.db)).toBe(2);
    expect(await keysOf(blank.id)).toMatchObject({
      namePinyin: "yao zhuang huang tao",
      pinyinSyllables: "yao zhuang huang tao",
      pinyinInitials: "yzht",
      updatedAt: blank.updatedAt, // not an edit
    });
    expect(await keysOf(typed.id)).toMatchObject({
      namePinyin: "hudun dami",
      pinyinSyllables: "hu dun da mi",
      pinyinInitials: "hddm",
    });
    expect(await keysOf(done.id)).toEqual(doneBefore);
    expect(await backfillProductPinyin(t.db)).toBe(0);
  });
});
