import { signedIn, type ActionsAuthz } from "@/e2e/authz/types";
import type * as actions from "./actions";

export const authz = {
  placeOrderAction: {
    allow: signedIn,
    input: (f) => ({
      idempotencyKey: `authz-${Math.random().toString(36).slice(2)}-0000`,
      lines: "[]",
      fulfillment: "pickup",
      stationId: f.stationS1,
      paymentMethod: "pay_at_pickup",
    }),
  },
} satisfies ActionsAuthz<typeof actions>;
