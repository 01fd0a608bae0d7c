import type { RoutesAuthz } from "@/e2e/authz/types";
import { signedIn } from "@/e2e/authz/types";
import type * as route from "./route";

// Who am I: every live session gets its own answer; without one, 401.
export const authz = {
  GET: { allow: signedIn, refused: 401, path: () => "/api/me" },
} satisfies RoutesAuthz<typeof route>;
