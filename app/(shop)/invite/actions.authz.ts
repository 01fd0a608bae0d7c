import { signedIn, type ActionsAuthz } from "@/e2e/authz/types";
import type * as actions from "./actions";

// Anyone signed in may try a link; an unknown token is refused as invalid (409) and writes nothing.
export const authz = {
  acceptInvitationAction: {
    allow: signedIn,
    input: () => ({ token: "matrixUnknownInvitationToken0123456789abcde" }),
  },
} satisfies ActionsAuthz<typeof actions>;
