import type { ActionsAuthz } from "@/e2e/authz/types";
import type * as actions from "./actions";

const product = (slug: string) => ({
  slug,
  category: "grain",
  nameZh: "矩阵米",
  nameEn: "Matrix rice",
  namePinyin: "ju zhen mi",
  originVillageZh: "大柳村",
  originVillageEn: "Daliu",
  originTownZh: "惠民街道",
  originTownEn: "Huimin",
});
const variant = (sku: string) => ({ labelZh: "5kg 装", labelEn: "5 kg", sku, price: "59.90" });

export const authz = {
  createProductAction: {
    allow: ["coopA"],
    input: (f) => ({ coopId: f.coopA, ...product(`matrix-${Math.random().toString(36).slice(2, 8)}`) }),
  },
  updateProductAction: { allow: ["coopA"], input: (f) => ({ productId: f.productA, ...product("matrix-renamed") }) },
  changeProductStatusAction: { allow: ["coopA"], input: (f) => ({ productId: f.productA, status: "published" }) },
  addVariantAction: {
    allow: ["coopA"],
    input: (f) => ({ productId: f.productA, ...variant(`MTX-${Math.random().toString(36).slice(2, 8)}`) }),
  },
  updateVariantAction: {
    allow: ["coopA"],
    input: (f) => ({ productId: f.productA, variantId: f.variantA, ...variant(f.skuA) }),
  },
  archiveVariantAction: {
    allow: ["coopA"],
    input: (f) => ({ productId: f.productA, variantId: f.spareVariantA }),
    destructive: true,
  },
} satisfies ActionsAuthz<typeof actions>;
