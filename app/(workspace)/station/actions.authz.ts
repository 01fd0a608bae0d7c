import type { ActionsAuthz } from "@/e2e/authz/types";
import type * as actions from "./actions";

// A station's console: its managers only (an admin has no station workspace without a membership).
export const authz = {
  redeemAction: { allow: ["stationS1"], input: (f) => ({ stationId: f.stationS1, code: "000000" }) },
  receiveBatchAction: { allow: ["stationS1"], input: (f) => ({ batchId: f.dispatchedBatchA }) },
  updateHoursAction: {
    allow: ["stationS1"],
    input: (f) => ({ stationId: f.stationS1, opensAt: "08:00", closesAt: "20:00", cutoffTime: "22:00" }),
  },
  handOverCashRefundAction: {
    allow: ["stationS1"],
    input: (f) => ({ stationId: f.stationS1, refundId: f.cashRefundS1 }),
    destructive: true,
  },
} satisfies ActionsAuthz<typeof actions>;
