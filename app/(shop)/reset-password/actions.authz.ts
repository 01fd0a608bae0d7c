import type { ActionsAuthz } from "@/e2e/authz/types";
import type * as actions from "./actions";

// Anyone holding a link may use it; an unknown token is refused (409) before any password is hashed or written.
export const authz = {
  resetPasswordAction: {
    allow: "everyone",
    input: () => ({ token: "matrixUnknownResetToken0123456789abcdefghij", newPassword: "a new password 1" }),
  },
} satisfies ActionsAuthz<typeof actions>;
