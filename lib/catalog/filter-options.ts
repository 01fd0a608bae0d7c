import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { getDb, schema as s, type DbOrTx } from "../db";
import type { CatalogFilterOptions } from "./contract-browse";

const p = s.products;
const c = s.cooperatives;

/** The cooperatives and origin towns that have published products: the choices of the catalog's filter form. */
export async function listFilterOptions(db?: DbOrTx): Promise<CatalogFilterOptions> {
  const d = db ?? (await getDb());
  const visible = and(eq(p.status, "published"), eq(c.status, "approved"));
  const coops = await d
    .selectDistinct({ slug: c.slug, nameZh: c.nameZh, nameEn: c.nameEn })
    .from(c)
    .innerJoin(p, eq(p.coopId, c.id))
    .where(visible)
    .orderBy(asc(c.slug));
  const towns = await d
    .selectDistinct({ zh: p.originTownZh, en: p.originTownEn })
    .from(p)
    .innerJoin(c, eq(c.id, p.coopId))
    .where(visible)
    .orderBy(asc(p.originTownZh), asc(p.originTownEn));
  return { coops, towns };
}
