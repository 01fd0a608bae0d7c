import type { ActionsAuthz } from "@/e2e/authz/types";
import type * as actions from "./actions";

export const authz = {
  receiveStockAction: { allow: ["coopA"], input: (f) => ({ variantId: f.variantA, quantity: "5" }) },
  adjustStockAction: { allow: ["coopA"], input: (f) => ({ variantId: f.variantA, delta: "-1", reason: "盘点" }) },
} satisfies ActionsAuthz<typeof actions>;
