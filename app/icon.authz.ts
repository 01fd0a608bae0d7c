import type { RoutesAuthz } from "@/e2e/authz/types";

// app/icon.svg is served by Next as the GET route /icon.svg (and /favicon.ico rewrites to it).
export const authz = {
  GET: { allow: "everyone", path: () => "/favicon.ico" },
} satisfies RoutesAuthz<{ GET: () => unknown }>;
