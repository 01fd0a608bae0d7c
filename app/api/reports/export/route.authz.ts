import type { RoutesAuthz } from "@/e2e/authz/types";
import type * as route from "./route";

export const authz = {
  GET: { allow: ["coopA", "admin"], path: (f) => `/api/reports/export?report=coop&id=${f.coopA}&table=buckets` },
} satisfies RoutesAuthz<typeof route>;
