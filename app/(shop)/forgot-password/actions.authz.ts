import type { ActionsAuthz } from "@/e2e/authz/types";
import type * as actions from "./actions";

// Anyone may ask; an unknown account gets the same answer as a known one, and nothing is written for it.
export const authz = {
  forgotPasswordAction: { allow: "everyone", input: () => ({ identifier: "nobody@authz.test" }) },
} satisfies ActionsAuthz<typeof actions>;
