import { chinesePinyin, pinyinKeys } from "../core/pinyin";

/**
 * The search columns of a product being saved. `namePinyin` is what the cooperative typed, or, left empty,
 * the pinyin of the Chinese name; a field that still holds what was derived from the old name follows a
 * renamed product. Syllables and initials are always derived from the Chinese name, so "hudun", "hd" and
 * "hudunmi" find 湖墩大米 whatever was typed.
 */
export function productPinyin(
  nameZh: string,
  typed: string,
  before?: { nameZh: string; namePinyin: string },
): { namePinyin: string; pinyinSyllables: string; pinyinInitials: string } {
  const keys = pinyinKeys(nameZh);
  const derivedBefore = before !== undefined && typed === before.namePinyin && typed === chinesePinyin(before.nameZh);
  return {
    namePinyin: typed && !derivedBefore ? typed : chinesePinyin(nameZh),
    pinyinSyllables: keys.syllables,
    pinyinInitials: keys.initials,
  };
}
