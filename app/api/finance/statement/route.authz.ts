import type { RoutesAuthz } from "@/e2e/authz/types";
import type * as route from "./route";

export const authz = {
  GET: { allow: ["coopA", "admin"], path: (f) => `/api/finance/statement?kind=coop&id=${f.coopA}` },
} satisfies RoutesAuthz<typeof route>;
