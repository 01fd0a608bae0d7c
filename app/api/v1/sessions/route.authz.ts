import { bearer } from "@/e2e/authz/bearer";
import type { RoutesAuthz } from "@/e2e/authz/types";
import type * as route from "./route";

// Each streamer lists their own sessions; without a token, 401.
export const authz = {
  GET: { allow: ["streamer", "streamer2"], refused: 401, path: () => "/api/v1/sessions", headers: bearer },
} satisfies RoutesAuthz<typeof route>;
