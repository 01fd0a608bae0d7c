import "server-only";
import { eq } from "drizzle-orm";
import { assertCoopMember, assertViewer } from "../auth";
import type { Viewer } from "../auth/contract";
import { AppError } from "../core/errors";
import { schema as s, type DbOrTx } from "../db";
import type { StockVariantDto } from "./contract";

/** The variant, if the viewer is a member of its product's cooperative; otherwise NOT_FOUND, as if it did not exist. */
export async function stockVariantOrThrow(
  db: DbOrTx,
  viewer: Viewer | null,
  variantId: string,
): Promise<StockVariantDto> {
  assertViewer(viewer);
  const [row] = await db
    .select({
      id: s.variants.id,
      sku: s.variants.sku,
      labelZh: s.variants.labelZh,
      labelEn: s.variants.labelEn,
      stock: s.variants.stock,
      status: s.variants.status,
      productId: s.products.id,
      productNameZh: s.products.nameZh,
      productNameEn: s.products.nameEn,
      coopId: s.products.coopId,
    })
    .from(s.variants)
    .innerJoin(s.products, eq(s.products.id, s.variants.productId))
    .where(eq(s.variants.id, variantId));
  if (!row) throw new AppError("NOT_FOUND", "variant not found");
  assertCoopMember(viewer, row.coopId);
  return row;
}
