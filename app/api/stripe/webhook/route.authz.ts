import type { RoutesAuthz } from "@/e2e/authz/types";
import type * as route from "./route";

// Stripe's signature is the only credential: without it, 400 for everyone.
export const authz = {
  POST: {
    allow: [],
    refused: 400,
    path: () => "/api/stripe/webhook",
    body: () => ({
      type: "application/json",
      data: JSON.stringify({
        id: "evt_authz",
        type: "checkout.session.completed",
        data: { object: { object: "checkout.session", id: "cs_authz" } },
      }),
    }),
  },
} satisfies RoutesAuthz<typeof route>;
