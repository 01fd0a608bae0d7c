import type { ActionsAuthz } from "@/e2e/authz/types";
import type * as actions from "./actions";

// Signing up is for anyone; the e-mail is taken, so no account (and no session) comes of it.
export const authz = {
  signUpAction: {
    allow: "everyone",
    input: () => ({ name: "matrix", email: "buyer@example.com", password: "long enough" }),
  },
} satisfies ActionsAuthz<typeof actions>;
