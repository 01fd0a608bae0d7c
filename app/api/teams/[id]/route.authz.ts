import type { RoutesAuthz } from "@/e2e/authz/types";
import type * as route from "./route";

// A team's page is shared by link with neighbours: public, members masked.
export const authz = {
  GET: { allow: "everyone", path: (f) => `/api/teams/${f.teamA}` },
} satisfies RoutesAuthz<typeof route>;
