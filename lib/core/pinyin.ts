import { pinyin } from "pinyin-pro";

/**
 * Pinyin of a product's Chinese name, from pinyin-pro (which reads each character in context, so 重庆 is
 * chong qing): toneless, lower case, ü as v (lv, as people type it).
 */
export interface PinyinKeys {
  /** Every syllable, one space apart: 湖墩大米 → "hu dun da mi". Latin letters and digits in the name stay as a word. */
  syllables: string;
  /** The first letter of each syllable: 湖墩大米 → "hddm". */
  initials: string;
}

// Diacritics dropped, then anything but a-z and 0-9 (punctuation, spaces, emoji) removed from a part.
const tidy = (parts: string[]) =>
  parts
    .map((p) =>
      p
        .normalize("NFKD")
        .replace(/\p{M}/gu, "")
        .toLowerCase()
        .replace(/[^a-z0-9]/g, ""),
    )
    .filter(Boolean);

const base = { toneType: "none", type: "array", v: true } as const;

export function pinyinKeys(name: string): PinyinKeys {
  const text = name.normalize("NFKC");
  const syllables = tidy(pinyin(text, { ...base, nonZh: "consecutive" }));
  // A Latin word keeps its first letter only: "5kg装" → "5", "z"; "Hudun 米" → "h", "m".
  const initials = tidy(pinyin(text, { ...base, nonZh: "consecutive", pattern: "first" })).map((p) => p[0]!);
  return { syllables: syllables.join(" "), initials: initials.join("") };
}

/**
 * The pinyin of the Chinese characters only, as the product form's pinyin field takes it (a-z and spaces):
 * "5kg装湖墩大米" → "zhuang hu dun da mi". Empty when the name has no Chinese.
 */
export function chinesePinyin(name: string): string {
  return tidy(pinyin(name.normalize("NFKC"), { ...base, nonZh: "removed" }))
    .map((p) => p.replace(/[0-9]/g, ""))
    .filter(Boolean)
    .join(" ");
}
