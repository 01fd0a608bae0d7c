import type { RoutesAuthz } from "@/e2e/authz/types";
import type * as route from "./route";

export const authz = {
  GET: { allow: ["admin"], path: () => "/admin/audit/export?entityKind=station" },
} satisfies RoutesAuthz<typeof route>;
