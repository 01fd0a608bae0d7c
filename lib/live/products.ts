import "server-only";
import { and, asc, eq, inArray } from "drizzle-orm";
import { schema as s, type DbOrTx } from "../db";
import type { LiveProductDto } from "./contract";

/** The bag of a session as viewers see it: hidden prices stay null until revealed. */
export async function bagProducts(db: DbOrTx, sessionId: string): Promise<LiveProductDto[]> {
  const items = await db
    .select({
      productId: s.liveBagItems.productId,
      priceRevealed: s.liveBagItems.priceRevealed,
      position: s.liveBagItems.position,
      p: s.products,
    })
    .from(s.liveBagItems)
    .innerJoin(s.products, eq(s.products.id, s.liveBagItems.productId))
    .where(eq(s.liveBagItems.sessionId, sessionId))
    .orderBy(asc(s.liveBagItems.position), asc(s.products.slug));
  if (!items.length) return [];
  const variants = await db
    .select()
    .from(s.variants)
    .where(
      and(
        inArray(
          s.variants.productId,
          items.map((i) => i.productId),
        ),
        eq(s.variants.status, "active"),
      ),
    )
    .orderBy(asc(s.variants.position));
  return items.map((i) => {
    const vs = variants.filter((v) => v.productId === i.productId);
    return {
      productId: i.productId,
      slug: i.p.slug,
      nameZh: i.p.nameZh,
      nameEn: i.p.nameEn,
      imagePath: i.p.imagePath,
      priceRevealed: i.priceRevealed,
      minPriceFen: i.priceRevealed && vs.length ? Math.min(...vs.map((v) => v.priceFen)) : null,
      variants: vs.map((v) => ({
        id: v.id,
        labelZh: v.labelZh,
        labelEn: v.labelEn,
        priceFen: i.priceRevealed ? v.priceFen : null,
        stock: v.stock,
      })),
    };
  });
}

export async function bagProduct(db: DbOrTx, sessionId: string, productId: string): Promise<LiveProductDto | null> {
  return (await bagProducts(db, sessionId)).find((p) => p.productId === productId) ?? null;
}
