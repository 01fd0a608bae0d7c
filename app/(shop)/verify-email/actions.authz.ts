import type { ActionsAuthz } from "@/e2e/authz/types";
import type * as actions from "./actions";

// Anyone holding a link may confirm it; an unknown token is refused (409) and writes nothing.
export const authz = {
  verifyEmailAction: { allow: "everyone", input: () => ({ token: "matrixUnknownVerifyToken0123456789abcdefghi" }) },
} satisfies ActionsAuthz<typeof actions>;
