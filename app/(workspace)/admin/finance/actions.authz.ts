import type { ActionsAuthz } from "@/e2e/authz/types";
import type * as actions from "./actions";

export const authz = {
  runPayoutsAction: { allow: ["admin"], input: () => ({}) },
  settleManualPayoutAction: {
    allow: ["admin"],
    input: (f) => ({ payoutId: f.manualPayout, outcome: "paid", bankReference: "AUTHZ-1" }),
    destructive: true,
  },
  recordRemittanceAction: {
    allow: ["admin"],
    input: (f) => ({ stationId: f.stationS1, amount: "0.01", reference: "authz" }),
  },
  setStationCommissionAction: { allow: ["admin"], input: (f) => ({ stationId: f.stationS1, rate: "5" }) },
  setPlatformFeeAction: { allow: ["admin"], input: (f) => ({ coopId: f.coopA, rate: "3" }) },
} satisfies ActionsAuthz<typeof actions>;
