import { signedIn, type ActionsAuthz } from "@/e2e/authz/types";
import type * as actions from "./actions";

const key = () => `authz-${Math.random().toString(36).slice(2)}-0000`;

export const authz = {
  openTeamAction: {
    allow: signedIn,
    input: (f) => ({
      dealId: f.teamDealA,
      stationId: f.stationS1,
      quantity: 1,
      payMethod: "pay_at_pickup",
      idempotencyKey: key(),
    }),
  },
  joinTeamAction: {
    allow: signedIn,
    input: (f) => ({
      teamId: f.teamA,
      stationId: f.stationS1,
      quantity: 1,
      payMethod: "pay_at_pickup",
      idempotencyKey: key(),
    }),
  },
  // A team order is paid by its buyer only.
  payTeamAction: { allow: ["buyer"], input: (f) => ({ orderNumber: f.teamOrderA }) },
} satisfies ActionsAuthz<typeof actions>;
