import type { RoutesAuthz } from "@/e2e/authz/types";
import type * as route from "./route";

// Exists only with E2E_TEST_HOOKS=1 (never on a production server); the matrix's server has it off.
export const authz = {
  POST: {
    allow: [],
    refused: 404,
    path: () => "/api/test/clock",
    body: () => ({ type: "application/json", data: JSON.stringify({ advanceMs: 86_400_000 }) }),
  },
} satisfies RoutesAuthz<typeof route>;
