import type { ActionsAuthz } from "@/e2e/authz/types";
import type * as actions from "./actions";

export const authz = {
  signInAction: { allow: "everyone", input: () => ({ identifier: "nobody@authz.test", password: "wrong-password" }) },
} satisfies ActionsAuthz<typeof actions>;
