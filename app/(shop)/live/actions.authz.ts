import { signedIn, type ActionsAuthz } from "@/e2e/authz/types";
import type * as actions from "./actions";

export const authz = {
  buyDropAction: {
    allow: signedIn,
    input: (f) => ({
      dropId: f.dropOfStreamer,
      quantity: 1,
      stationId: f.stationS1,
      idempotencyKey: `authz-${Math.random().toString(36).slice(2)}-0000`,
    }),
  },
  remindMeAction: { allow: signedIn, input: (f) => ({ sessionId: f.sessionToCancel }) },
} satisfies ActionsAuthz<typeof actions>;
