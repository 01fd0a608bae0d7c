import type { ActionsAuthz } from "@/e2e/authz/types";
import type * as actions from "./actions";

// orderA is paid at pickup: nothing under review and no hold, so the admin gets past authorization and is told
// INVALID_STATE (409); the failed refund is orderA's, which has no online payment, so a retry fails it again.
export const authz = {
  acceptReviewAction: { allow: ["admin"], input: (f) => ({ number: f.orderA }) },
  refundReviewAction: { allow: ["admin"], input: (f) => ({ number: f.orderA }) },
  releaseHoldAction: { allow: ["admin"], input: (f) => ({ number: f.orderA }) },
  retryRefundAction: { allow: ["admin"], input: (f) => ({ refundId: f.failedRefund }) },
} satisfies ActionsAuthz<typeof actions>;
