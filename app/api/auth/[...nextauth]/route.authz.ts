import type { RoutesAuthz } from "@/e2e/authz/types";
import type * as route from "./route";

export const authz = {
  GET: { allow: "everyone", path: () => "/api/auth/csrf" },
  POST: {
    allow: "everyone",
    path: () => "/api/auth/callback/credentials",
    body: () => ({ type: "application/x-www-form-urlencoded", data: "identifier=nobody%40authz.test&password=wrong" }),
  },
} satisfies RoutesAuthz<typeof route>;
