import { randomBase32 } from "../../lib/core/ids";

/** What the product form posts, as strings; override any field. */
export function productForm(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    slug: `test-${randomBase32(8).toLowerCase()}`,
    category: "grain",
    nameZh: "湖墩新米",
    nameEn: "Hudun new rice",
    namePinyin: "hudun xin mi",
    summaryZh: "当季新米",
    summaryEn: "This season's rice",
    descriptionZh: "",
    descriptionEn: "",
    originVillageZh: "大柳村",
    originVillageEn: "Daliu Village",
    originTownZh: "惠民街道",
    originTownEn: "Huimin",
    harvestBatch: "",
    harvestedOn: "2026-10-28",
    ...overrides,
  };
}

/** What the variant form posts. */
export function variantForm(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    labelZh: "5kg 装",
    labelEn: "5 kg bag",
    sku: `T-${randomBase32(8)}`,
    price: "69.80",
    weightGrams: "5000",
    ...overrides,
  };
}
