import type { ActionsAuthz } from "@/e2e/authz/types";
import type * as actions from "./actions";

// An order is its buyer's alone: anyone else, admins included, is told it does not exist.
export const authz = {
  cancelOrderAction: {
    allow: ["buyer"],
    input: (f) => ({ number: f.orderA }),
    page: (f) => `/orders/${f.orderA}`,
    destructive: true,
  },
  payOrderAction: {
    allow: ["buyer"],
    input: (f) => ({ number: f.unpaidOrderA }),
    page: (f) => `/orders/${f.unpaidOrderA}`,
  },
  reissueCodeAction: { allow: ["buyer"], input: (f) => ({ number: f.orderA }), page: (f) => `/orders/${f.orderA}` },
} satisfies ActionsAuthz<typeof actions>;
