import "server-only";
import { asc, desc, eq, inArray } from "drizzle-orm";
import { assertCoopMember, assertViewer } from "../auth";
import type { Viewer } from "../auth/contract";
import { AppError } from "../core/errors";
import { getDb, schema as s, type DbOrTx } from "../db";
import type { CoopOptionDto, CoopProductDto, CoopVariantDto } from "./contract-manage";

/** The cooperatives the viewer belongs to, for the workspace's coop switcher. */
export async function listViewerCoops(viewer: Viewer | null): Promise<CoopOptionDto[]> {
  assertViewer(viewer);
  if (!viewer.caps.coopIds.length) return [];
  const db = await getDb();
  return db
    .select({
      id: s.cooperatives.id,
      slug: s.cooperatives.slug,
      nameZh: s.cooperatives.nameZh,
      nameEn: s.cooperatives.nameEn,
    })
    .from(s.cooperatives)
    .where(inArray(s.cooperatives.id, viewer.caps.coopIds))
    .orderBy(asc(s.cooperatives.nameZh), asc(s.cooperatives.id));
}

/**
 * The cooperative a workspace page shows: the one asked for (`?coop=`) when the viewer belongs to it, their
 * first one when none is asked for. Asking for someone else's cooperative answers NOT_FOUND.
 */
export async function resolveWorkspaceCoop(
  viewer: Viewer | null,
  requested: string | undefined,
): Promise<{ current: CoopOptionDto; coops: CoopOptionDto[] }> {
  const coops = await listViewerCoops(viewer);
  const current = requested ? coops.find((c) => c.id === requested) : coops[0];
  if (!current) throw new AppError("NOT_FOUND", "cooperative not found");
  return { current, coops };
}

/** The cooperative's products in every status, most recently changed first, each with all its variants. */
export async function listOwnProducts(viewer: Viewer | null, coopId: string): Promise<CoopProductDto[]> {
  assertCoopMember(viewer, coopId);
  const db = await getDb();
  const products = await db
    .select({
      id: s.products.id,
      coopId: s.products.coopId,
      slug: s.products.slug,
      category: s.products.category,
      nameZh: s.products.nameZh,
      nameEn: s.products.nameEn,
      status: s.products.status,
      imagePath: s.products.imagePath,
      updatedAt: s.products.updatedAt,
    })
    .from(s.products)
    .where(eq(s.products.coopId, coopId))
    .orderBy(desc(s.products.updatedAt), asc(s.products.id));
  const variants = await variantsOf(
    db,
    products.map((p) => p.id),
  );
  return products.map((p) => ({ ...p, variants: variants.get(p.id) ?? [] }));
}

/** All variants of the given products, grouped by product, in their display order. */
export async function variantsOf(db: DbOrTx, productIds: string[]): Promise<Map<string, CoopVariantDto[]>> {
  const byProduct = new Map<string, CoopVariantDto[]>();
  if (!productIds.length) return byProduct;
  const rows = await db
    .select({
      productId: s.variants.productId,
      id: s.variants.id,
      sku: s.variants.sku,
      labelZh: s.variants.labelZh,
      labelEn: s.variants.labelEn,
      priceFen: s.variants.priceFen,
      stock: s.variants.stock,
      weightGrams: s.variants.weightGrams,
      status: s.variants.status,
    })
    .from(s.variants)
    .where(inArray(s.variants.productId, productIds))
    .orderBy(asc(s.variants.position), asc(s.variants.id));
  for (const { productId, ...v } of rows) {
    const list = byProduct.get(productId) ?? [];
    list.push(v);
    byProduct.set(productId, list);
  }
  return byProduct;
}
