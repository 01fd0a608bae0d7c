import type { ActionsAuthz } from "@/e2e/authz/types";
import type * as actions from "./actions";

// A cooperative's team: its owners manage it (coop A's demo member is its only owner); members of other
// cooperatives, admins and everyone else get 404. The calls below write nothing for coop A either: the role asked
// for is the one held, and the last owner can neither be removed nor leave (409).
export const authz = {
  inviteMemberAction: {
    allow: ["coopA"],
    input: (f) => ({ coopId: f.coopA, identifier: "matrix-invitee@authz.test", role: "staff" }),
  },
  revokeInvitationAction: {
    allow: ["coopA"],
    input: (f) => ({ coopId: f.coopA, invitationId: f.invitationA }),
    destructive: true,
  },
  changeMemberRoleAction: {
    allow: ["coopA"],
    input: (f) => ({ coopId: f.coopA, userId: f.coopOwnerA, role: "owner" }),
  },
  removeMemberAction: { allow: ["coopA"], input: (f) => ({ coopId: f.coopA, userId: f.coopOwnerA }) },
  leaveCoopAction: { allow: ["coopA"], input: (f) => ({ coopId: f.coopA }) },
} satisfies ActionsAuthz<typeof actions>;
