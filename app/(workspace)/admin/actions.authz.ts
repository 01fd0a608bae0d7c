import type { ActionsAuthz } from "@/e2e/authz/types";
import type * as actions from "./actions";

export const authz = {
  setUserStatusAction: { allow: ["admin"], input: (f) => ({ userId: f.buyerId, status: "active" }) },
  setPlatformCommentFiltersAction: { allow: ["admin"], input: () => ({ words: "矩阵违禁词" }) },
} satisfies ActionsAuthz<typeof actions>;
