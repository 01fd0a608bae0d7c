import { describe, expect, it } from "vitest";
import { chinesePinyin, pinyinKeys } from "./pinyin";

describe("pinyin of a product name", () => {
  it.each([
    ["湖墩大米", "hu dun da mi", "hddm"],
    ["湖墩大米礼盒", "hu dun da mi li he", "hddmlh"],
    ["大柳村菜籽油", "da liu cun cai zi you", "dlcczy"],
    ["重庆小面", "chong qing xiao mian", "cqxm"],
    ["绿豆", "lv dou", "ld"],
    ["5kg装 湖墩大米!", "5kg zhuang hu dun da mi", "5zhddm"],
    ["ＡＢＣ 西塘粽子", "abc xi tang zong zi", "axtzz"],
  ])("%s → %j, initials %j", (name, syllables, initials) => {
    expect(pinyinKeys(name)).toEqual({ syllables, initials });
  });

  it("has nothing to say about a name without letters or characters", () => {
    expect(pinyinKeys("!!! ---")).toEqual({ syllables: "", initials: "" });
  });

  it("gives the form's pinyin field the Chinese characters' syllables only (a-z and spaces)", () => {
    expect(chinesePinyin("湖墩大米")).toBe("hu dun da mi");
    expect(chinesePinyin("5kg装湖墩大米")).toBe("zhuang hu dun da mi");
    expect(chinesePinyin("绿豆")).toBe("lv dou");
    expect(chinesePinyin("Rice 2026")).toBe("");
  });
});
