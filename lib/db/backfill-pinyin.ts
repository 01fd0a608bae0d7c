import { and, asc, eq, gt } from "drizzle-orm";
import { chinesePinyin, pinyinKeys } from "../core/pinyin";
import * as s from "./schema";
import type { Db } from "./types";

const BATCH = 500;

/**
 * Products saved before their pinyin was derived (migration 0011 added the columns empty) get it here: the
 * syllables and initials of the Chinese name (pinyin-pro, which SQL cannot run), and the pinyin field when it
 * was left empty. Part of applying migrations; with nothing to fill it is one query. Returns how many it filled.
 */
export async function backfillProductPinyin(db: Db): Promise<number> {
  let filled = 0;
  for (let after = ""; ;) {
    const rows = await db
      .select({ id: s.products.id, nameZh: s.products.nameZh, namePinyin: s.products.namePinyin })
      .from(s.products)
      .where(and(eq(s.products.pinyinInitials, ""), gt(s.products.id, after)))
      .orderBy(asc(s.products.id))
      .limit(BATCH);
    for (const row of rows) {
      const keys = pinyinKeys(row.nameZh);
      if (!keys.initials) continue; // a name without letters or characters: nothing to derive
      await db
        .update(s.products)
        .set({
          namePinyin: row.namePinyin || chinesePinyin(row.nameZh),
          pinyinSyllables: keys.syllables,
          pinyinInitials: keys.initials,
        })
        // A save that derived them meanwhile wins.
        .where(and(eq(s.products.id, row.id), eq(s.products.pinyinInitials, "")));
      filled++;
    }
    if (rows.length < BATCH) return filled;
    after = rows.at(-1)!.id;
  }
}
