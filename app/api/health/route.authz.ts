import type { RoutesAuthz } from "@/e2e/authz/types";
import type * as route from "./route";

export const authz = {
  GET: { allow: "everyone", path: () => "/api/health" },
} satisfies RoutesAuthz<typeof route>;
