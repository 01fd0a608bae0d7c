import { signedIn, type ActionsAuthz } from "@/e2e/authz/types";
import type * as actions from "./actions";

export const authz = {
  markAllReadAction: { allow: signedIn, input: () => ({}) },
} satisfies ActionsAuthz<typeof actions>;
