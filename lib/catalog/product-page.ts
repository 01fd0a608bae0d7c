import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { getDb, schema as s, type DbOrTx } from "../db";
import type { ProductPageDto, VariantDto } from "./contract-browse";

const p = s.products;
const c = s.cooperatives;
const v = s.variants;

/** A published product of an approved cooperative with its variants on sale, or null: everything else is a 404. */
export async function getProductPage(slug: string, db?: DbOrTx): Promise<ProductPageDto | null> {
  const d = db ?? (await getDb());
  const [row] = await d
    .select({
      id: p.id,
      slug: p.slug,
      category: p.category,
      nameZh: p.nameZh,
      nameEn: p.nameEn,
      summaryZh: p.summaryZh,
      summaryEn: p.summaryEn,
      descriptionZh: p.descriptionZh,
      descriptionEn: p.descriptionEn,
      imagePath: p.imagePath,
      originVillageZh: p.originVillageZh,
      originVillageEn: p.originVillageEn,
      originTownZh: p.originTownZh,
      originTownEn: p.originTownEn,
      harvestBatch: p.harvestBatch,
      harvestedOn: p.harvestedOn,
      certifications: p.certifications,
      coop: {
        slug: c.slug,
        nameZh: c.nameZh,
        nameEn: c.nameEn,
        villageZh: c.villageZh,
        villageEn: c.villageEn,
        storyZh: c.storyZh,
        storyEn: c.storyEn,
        imagePath: c.imagePath,
      },
    })
    .from(p)
    .innerJoin(c, eq(c.id, p.coopId))
    .where(and(eq(p.slug, slug), eq(p.status, "published"), eq(c.status, "approved")));
  if (!row) return null;
  const variants: VariantDto[] = await d
    .select({ id: v.id, labelZh: v.labelZh, labelEn: v.labelEn, priceFen: v.priceFen, stock: v.stock })
    .from(v)
    .where(and(eq(v.productId, row.id), eq(v.status, "active")))
    .orderBy(asc(v.position), asc(v.id));
  return { ...row, variants };
}

/** Units on hand of a product's variants on sale, by variant id: read fresh for every product page. */
export async function readVariantStock(productId: string, db?: DbOrTx): Promise<Map<string, number>> {
  const d = db ?? (await getDb());
  const rows = await d
    .select({ id: v.id, stock: v.stock })
    .from(v)
    .where(and(eq(v.productId, productId), eq(v.status, "active")));
  return new Map(rows.map((r) => [r.id, r.stock]));
}
