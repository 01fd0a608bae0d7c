import { bearer, tokenRefusals } from "@/e2e/authz/bearer";
import type { RoutesAuthz } from "@/e2e/authz/types";
import type * as route from "./route";

export const authz = {
  POST: {
    allow: ["streamer"],
    refused: tokenRefusals,
    path: (f) => `/api/v1/sessions/${f.sessionOfStreamer}/drops`,
    body: (f) => ({
      type: "application/json",
      data: JSON.stringify({
        variantId: f.variantA,
        price: "38",
        quantityCap: 5,
        perBuyerLimit: 1,
        durationSeconds: 600,
      }),
    }),
    headers: bearer,
  },
} satisfies RoutesAuthz<typeof route>;
