import type { RoutesAuthz } from "@/e2e/authz/types";
import type * as route from "./route";

export const authz = {
  GET: { allow: ["coopA"], path: (f) => `/coop/pick-lists/${f.day}/export?coop=${f.coopA}` },
} satisfies RoutesAuthz<typeof route>;
