import type { ActionsAuthz } from "@/e2e/authz/types";
import type * as actions from "./payout-account";

// Only the party's own people (not admins); without Stripe keys (the matrix's server) they are told payouts are manual (409).
export const authz = {
  startPayoutAccountAction: { allow: ["coopA"], input: (f) => ({ kind: "coop", id: f.coopA }) },
} satisfies ActionsAuthz<typeof actions>;
