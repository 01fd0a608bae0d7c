import "server-only";
import { asc, desc, eq, inArray } from "drizzle-orm";
import { assertCoopMember } from "../auth";
import type { Viewer } from "../auth/contract";
import { getDb, schema as s } from "../db";
import type { EditableProductDto } from "./contract-manage";
import { ownProduct } from "./own-product";

export async function getProductForEdit(viewer: Viewer | null, productId: string): Promise<EditableProductDto> {
  const db = await getDb();
  const p = await ownProduct(db, viewer, productId);
  const variants = await db.select().from(s.variants).where(eq(s.variants.productId, p.id)).orderBy(asc(s.variants.position), asc(s.variants.id));
  return {
    id: p.id,
    coopId: p.coopId,
    slug: p.slug,
    category: p.category,
    nameZh: p.nameZh,
    nameEn: p.nameEn,
    namePinyin: p.namePinyin,
    summaryZh: p.summaryZh,
    summaryEn: p.summaryEn,
    descriptionZh: p.descriptionZh,
    descriptionEn: p.descriptionEn,
    originVillageZh: p.originVillageZh,
    originVillageEn: p.originVillageEn,
    originTownZh: p.originTownZh,
    originTownEn: p.originTownEn,
    harvestBatch: p.harvestBatch ?? "",
    harvestedOn: p.harvestedOn ?? "",
    certifications: p.certifications,
    imagePath: p.imagePath,
    status: p.status,
    variants: variants.map((v) => ({
      id: v.id,
      sku: v.sku,
      labelZh: v.labelZh,
      labelEn: v.labelEn,
      priceFen: v.priceFen,
      stock: v.stock,
      weightGrams: v.weightGrams,
      status: v.status,
    })),
  };
}

export interface CoopProductListItem {
  id: string;
  slug: string;
  nameZh: string;
  nameEn: string;
  status: string;
  imagePath: string | null;
  variants: { id: string; labelZh: string; labelEn: string; priceFen: number; stock: number; status: string }[];
}

/** The cooperative's products (every status), newest first, with their variants. */
export async function listOwnProducts(viewer: Viewer | null, coopId: string): Promise<CoopProductListItem[]> {
  assertCoopMember(viewer, coopId);
  const db = await getDb();
  const products = await db.select().from(s.products).where(eq(s.products.coopId, coopId)).orderBy(desc(s.products.updatedAt), asc(s.products.slug));
  const variants = products.length
    ? await db.select().from(s.variants).where(inArray(s.variants.productId, products.map((p) => p.id))).orderBy(asc(s.variants.position))
    : [];
  return products.map((p) => ({
    id: p.id,
    slug: p.slug,
    nameZh: p.nameZh,
    nameEn: p.nameEn,
    status: p.status,
    imagePath: p.imagePath,
    variants: variants
      .filter((v) => v.productId === p.id)
      .map((v) => ({ id: v.id, labelZh: v.labelZh, labelEn: v.labelEn, priceFen: v.priceFen, stock: v.stock, status: v.status })),
  }));
}

export async function listViewerCoops(viewer: Viewer | null): Promise<{ id: string; nameZh: string; nameEn: string }[]> {
  if (!viewer?.caps.coopIds.length) return [];
  const db = await getDb();
  return db
    .select({ id: s.cooperatives.id, nameZh: s.cooperatives.nameZh, nameEn: s.cooperatives.nameEn })
    .from(s.cooperatives)
    .where(inArray(s.cooperatives.id, viewer.caps.coopIds))
    .orderBy(asc(s.cooperatives.nameZh));
}
