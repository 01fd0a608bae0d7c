import "server-only";
import type { Viewer } from "../auth/contract";
import { getDb } from "../db";
import type { EditableProductDto } from "./contract-manage";
import { variantsOf } from "./coop-workspace";
import { ownProductOrThrow } from "./own-product";

/** Everything the edit page shows of one of the viewer's products; someone else's answers NOT_FOUND. */
export async function getProductForEdit(viewer: Viewer | null, productId: string): Promise<EditableProductDto> {
  const db = await getDb();
  const p = await ownProductOrThrow(db, viewer, productId);
  const variants = await variantsOf(db, [p.id]);
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
    updatedAt: p.updatedAt,
    variants: variants.get(p.id) ?? [],
  };
}
