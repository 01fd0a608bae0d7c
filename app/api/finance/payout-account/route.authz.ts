import type { RoutesAuthz } from "@/e2e/authz/types";
import type * as route from "./route";

// Everyone is sent on (303: to sign in, to the finance page, or home); only the party's own people refresh its account.
export const authz = {
  GET: { allow: "everyone", path: (f) => `/api/finance/payout-account?kind=coop&id=${f.coopA}` },
} satisfies RoutesAuthz<typeof route>;
