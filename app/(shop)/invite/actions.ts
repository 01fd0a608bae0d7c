"use server";

import { redirect } from "next/navigation";
import { acceptInvitation } from "@/lib/accounts";
import { acceptInvitationInput } from "@/lib/accounts/contract";
import { defineAction } from "@/lib/auth";

export const acceptInvitationAction = defineAction(
  { name: "acceptInvitation", access: "user", input: acceptInvitationInput },
  async (input, { viewer }) => {
    const { coopId } = await acceptInvitation(viewer, input);
    redirect(`/coop?coop=${encodeURIComponent(coopId)}`);
  },
);
