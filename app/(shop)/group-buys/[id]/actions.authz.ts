import { signedIn, type ActionsAuthz } from "@/e2e/authz/types";
import type * as actions from "./actions";

export const authz = {
  orderCampaignAction: {
    allow: signedIn,
    input: (f) => ({
      campaignId: f.campaignA,
      stationId: f.stationS1,
      quantity: 1,
      idempotencyKey: `authz-${Math.random().toString(36).slice(2)}-0000`,
    }),
    page: (f) => `/group-buys/${f.campaignA}`,
  },
} satisfies ActionsAuthz<typeof actions>;
