import { bearer, tokenRefusals } from "@/e2e/authz/bearer";
import type { RoutesAuthz } from "@/e2e/authz/types";
import type * as route from "./route";

export const authz = {
  POST: {
    allow: ["streamer"],
    refused: tokenRefusals,
    path: (f) => `/api/v1/sessions/${f.sessionOfStreamer}/pin`,
    body: (f) => ({ type: "application/json", data: JSON.stringify({ productId: f.productA }) }),
    headers: bearer,
  },
  DELETE: {
    allow: ["streamer"],
    refused: tokenRefusals,
    path: (f) => `/api/v1/sessions/${f.sessionOfStreamer}/pin`,
    headers: bearer,
  },
} satisfies RoutesAuthz<typeof route>;
