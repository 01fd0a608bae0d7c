import type { RoutesAuthz } from "@/e2e/authz/types";
import type * as route from "./route";

// Everyone is sent on (303: to sign in, or to the order page); only the buyer's own order and session are synced.
export const authz = {
  GET: { allow: "everyone", path: (f) => `/orders/${f.unpaidOrderA}/paid?session_id=cs_test_authz` },
} satisfies RoutesAuthz<typeof route>;
