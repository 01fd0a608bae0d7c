import type { ActionsAuthz } from "@/e2e/authz/types";
import type * as actions from "./session";

export const authz = {
  signOutAction: { allow: "everyone", input: () => ({}), runLast: true },
  setLocaleAction: { allow: "everyone", input: () => ({ locale: "en", back: "/" }) },
} satisfies ActionsAuthz<typeof actions>;
