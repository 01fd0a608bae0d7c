import type { ActionsAuthz } from "@/e2e/authz/types";
import type * as actions from "./actions";

export const authz = {
  coopLineAction: { allow: ["coopA"], input: (f) => ({ number: f.orderA, coopId: f.coopA, action: "confirm" }) },
  refundLineAction: {
    allow: ["coopA"],
    input: (f) => ({
      number: f.completedOrderA,
      coopId: f.coopA,
      lineId: f.completedLineA,
      amount: "0.01",
      reason: "authz",
      idempotencyKey: `authz-refund-${Date.now()}`,
    }),
  },
} satisfies ActionsAuthz<typeof actions>;
