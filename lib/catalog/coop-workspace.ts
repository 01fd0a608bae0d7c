import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import { assertWorkspace } from "../auth";
import type { Viewer } from "../auth/contract";
import { getDb, schema as s } from "../db";

export interface CoopProductRowDto {
  id: string;
  slug: string;
  nameZh: string;
  nameEn: string;
  status: "draft" | "published" | "archived";
  variants: { id: string; labelZh: string; labelEn: string; priceFen: number; stock: number; status: "active" | "archived" }[];
}

export interface CoopWorkspaceDto {
  id: string;
  slug: string;
  nameZh: string;
  nameEn: string;
  status: string;
  products: CoopProductRowDto[];
}

/** The cooperatives the viewer belongs to, with their products and stock: the start of /coop. */
export async function getCoopWorkspace(viewer: Viewer | null): Promise<CoopWorkspaceDto[]> {
  assertWorkspace(viewer, "coop");
  const db = await getDb();
  const coops = await db.select().from(s.cooperatives).where(inArray(s.cooperatives.id, viewer.caps.coopIds)).orderBy(asc(s.cooperatives.nameZh));
  const products = await db
    .select()
    .from(s.products)
    .where(inArray(s.products.coopId, viewer.caps.coopIds))
    .orderBy(asc(s.products.createdAt), asc(s.products.slug));
  const variants = products.length
    ? await db
        .select()
        .from(s.variants)
        .where(and(inArray(s.variants.productId, products.map((p) => p.id))))
        .orderBy(asc(s.variants.position))
    : [];
  return coops.map((c) => ({
    id: c.id,
    slug: c.slug,
    nameZh: c.nameZh,
    nameEn: c.nameEn,
    status: c.status,
    products: products
      .filter((p) => p.coopId === c.id)
      .map((p) => ({
        id: p.id,
        slug: p.slug,
        nameZh: p.nameZh,
        nameEn: p.nameEn,
        status: p.status,
        variants: variants
          .filter((v) => v.productId === p.id)
          .map((v) => ({ id: v.id, labelZh: v.labelZh, labelEn: v.labelEn, priceFen: v.priceFen, stock: v.stock, status: v.status })),
      })),
  }));
}

export async function coopExists(id: string): Promise<boolean> {
  const db = await getDb();
  const [row] = await db.select({ id: s.cooperatives.id }).from(s.cooperatives).where(eq(s.cooperatives.id, id));
  return Boolean(row);
}
