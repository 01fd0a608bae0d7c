import type { ActionsAuthz, Fixtures } from "@/e2e/authz/types";
import type * as actions from "./actions";

// The actions' bundle is the detail page's.
const page = (f: Fixtures) => `/admin/applications/${f.applicationOfBuyer}`;

export const authz = {
  // Approving, rejecting and the buyer's withdrawal all decide the same application: whichever runs first wins,
  // the others answer INVALID_STATE (past authorization).
  approveApplicationAction: {
    allow: ["admin"],
    input: (f) => ({ applicationId: f.applicationOfBuyer }),
    page,
    destructive: true,
  },
  rejectApplicationAction: {
    allow: ["admin"],
    input: (f) => ({ applicationId: f.applicationOfBuyer, reason: "矩阵测试" }),
    page,
    destructive: true,
  },
  // S2 is active: reinstating it again is INVALID_STATE and changes nothing.
  setJoinedStatusAction: {
    allow: ["admin"],
    input: (f) => ({ kind: "station", id: f.stationS2, status: "active" }),
    page,
  },
} satisfies ActionsAuthz<typeof actions>;
