import { signedIn, type ActionsAuthz } from "@/e2e/authz/types";
import type * as actions from "./actions";

export const authz = {
  changePasswordAction: {
    allow: signedIn,
    input: () => ({ currentPassword: "not-my-password-1", newPassword: "another-password-2" }),
  },
  // The demo accounts are verified (409); the matrix's fresh accounts are not, and get a new link (no SMTP: not sent).
  resendVerificationAction: { allow: signedIn, input: () => ({}) },
} satisfies ActionsAuthz<typeof actions>;
