import type { ActionsAuthz } from "@/e2e/authz/types";
import type * as actions from "./actions";

export const authz = {
  setUserStatusAction: { allow: ["admin"], input: (f) => ({ userId: f.buyerId, status: "active" }) },
} satisfies ActionsAuthz<typeof actions>;
