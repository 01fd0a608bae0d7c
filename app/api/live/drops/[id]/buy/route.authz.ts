import type { RoutesAuthz } from "@/e2e/authz/types";
import { signedIn } from "@/e2e/authz/types";
import type * as route from "./route";

// Anyone signed in may buy from a drop; without a session, 401.
export const authz = {
  POST: {
    allow: signedIn,
    path: (f) => `/api/live/drops/${f.dropOfStreamer}/buy`,
    body: (f) => ({
      type: "application/json",
      data: JSON.stringify({
        quantity: 1,
        stationId: f.stationS1,
        idempotencyKey: `authz-${Math.random().toString(36).slice(2)}-0000`,
      }),
    }),
  },
} satisfies RoutesAuthz<typeof route>;
