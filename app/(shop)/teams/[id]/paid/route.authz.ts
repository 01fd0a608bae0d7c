import type { RoutesAuthz } from "@/e2e/authz/types";
import type * as route from "./route";

// Everyone is sent on (303: to sign in, or to the team page); only the caller's own seat is synced.
export const authz = {
  GET: { allow: "everyone", path: (f) => `/teams/${f.teamA}/paid?session_id=cs_test_authz` },
} satisfies RoutesAuthz<typeof route>;
