import "server-only";
import { and, eq } from "drizzle-orm";
import { getDb, schema as s, type DbOrTx } from "../db";
import { parseCatalogQuery, type CatalogPage, type CoopPageDto } from "./contract-browse";
import { searchProducts } from "./search";

const c = s.cooperatives;

/** An approved cooperative's public profile, or null (pending and suspended ones answer 404). */
export async function getCoopPage(slug: string, db?: DbOrTx): Promise<CoopPageDto | null> {
  const d = db ?? (await getDb());
  const [coop] = await d
    .select({
      id: c.id,
      slug: c.slug,
      nameZh: c.nameZh,
      nameEn: c.nameEn,
      villageZh: c.villageZh,
      villageEn: c.villageEn,
      townZh: c.townZh,
      townEn: c.townEn,
      storyZh: c.storyZh,
      storyEn: c.storyEn,
      phone: c.phone,
      imagePath: c.imagePath,
    })
    .from(c)
    .where(and(eq(c.slug, slug), eq(c.status, "approved")));
  return coop ?? null;
}

/** The first catalog page of one cooperative's products, newest first. */
export function listCoopProducts(coopSlug: string, db?: DbOrTx): Promise<CatalogPage> {
  return searchProducts(parseCatalogQuery({ coop: coopSlug }), db);
}
