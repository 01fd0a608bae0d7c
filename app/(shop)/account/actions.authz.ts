import { signedIn, type ActionsAuthz } from "@/e2e/authz/types";
import type * as actions from "./actions";

export const authz = {
  changePasswordAction: {
    allow: signedIn,
    input: () => ({ currentPassword: "not-my-password-1", newPassword: "another-password-2" }),
  },
} satisfies ActionsAuthz<typeof actions>;
