import { signedIn, type ActionsAuthz } from "@/e2e/authz/types";
import type * as actions from "./actions";

export const authz = {
  remindMeAction: { allow: signedIn, input: (f) => ({ sessionId: f.sessionToCancel }) },
} satisfies ActionsAuthz<typeof actions>;
