import type { RoutesAuthz } from "@/e2e/authz/types";

// app/robots.ts is served by Next as the GET route /robots.txt.
export const authz = {
  GET: { allow: "everyone", path: () => "/robots.txt" },
} satisfies RoutesAuthz<{ GET: () => unknown }>;
