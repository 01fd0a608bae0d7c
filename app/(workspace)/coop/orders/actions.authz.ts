import type { ActionsAuthz } from "@/e2e/authz/types";
import type * as actions from "./actions";

export const authz = {
  coopLineAction: { allow: ["coopA"], input: (f) => ({ number: f.orderA, coopId: f.coopA, action: "confirm" }) },
} satisfies ActionsAuthz<typeof actions>;
