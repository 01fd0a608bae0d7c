"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import {
  changeMemberRole,
  inviteMember,
  leaveCoop,
  mailLinkOrigin,
  removeMember,
  revokeInvitation,
} from "@/lib/accounts";
import {
  changeMemberRoleInput,
  inviteMemberInput,
  leaveCoopInput,
  removeMemberInput,
  revokeInvitationInput,
} from "@/lib/accounts/contract";
import { defineAction } from "@/lib/auth";

// Capabilities are read per request and the team is re-read inside each use case: a removed owner's next call is
// refused even from a page they had open.
export const inviteMemberAction = defineAction(
  { name: "inviteMember", access: "coop", input: inviteMemberInput },
  async (input, { viewer }) => {
    const r = await inviteMember(viewer, input, mailLinkOrigin(await headers()));
    revalidatePath("/coop/team");
    return r;
  },
);

export const revokeInvitationAction = defineAction(
  { name: "revokeInvitation", access: "coop", input: revokeInvitationInput },
  async (input, { viewer }) => {
    await revokeInvitation(viewer, input);
    revalidatePath("/coop/team");
  },
);

export const changeMemberRoleAction = defineAction(
  { name: "changeMemberRole", access: "coop", input: changeMemberRoleInput },
  async (input, { viewer }) => {
    await changeMemberRole(viewer, input);
    revalidatePath("/coop/team");
  },
);

export const removeMemberAction = defineAction(
  { name: "removeMember", access: "coop", input: removeMemberInput },
  async (input, { viewer }) => {
    await removeMember(viewer, input);
    if (input.userId === viewer?.userId) redirect("/account");
    revalidatePath("/coop/team");
  },
);

export const leaveCoopAction = defineAction(
  { name: "leaveCoop", access: "coop", input: leaveCoopInput },
  async (input, { viewer }) => {
    await leaveCoop(viewer, input);
    redirect("/account");
  },
);
