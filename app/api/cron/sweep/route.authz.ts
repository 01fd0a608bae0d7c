import type { RoutesAuthz } from "@/e2e/authz/types";
import type * as route from "./route";

// Only an external scheduler holding CRON_SECRET: no session of anyone's opens it.
export const authz = {
  POST: { allow: [], refused: 401, path: () => "/api/cron/sweep" },
} satisfies RoutesAuthz<typeof route>;
