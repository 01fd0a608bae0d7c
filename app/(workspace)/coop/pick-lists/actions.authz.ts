import type { ActionsAuthz } from "@/e2e/authz/types";
import type * as actions from "./actions";

export const authz = {
  dispatchBatchAction: {
    allow: ["coopA"],
    input: (f) => ({ batchId: f.lockedBatchA, day: f.day }),
    page: (f) => `/coop/pick-lists/${f.day}`,
  },
} satisfies ActionsAuthz<typeof actions>;
