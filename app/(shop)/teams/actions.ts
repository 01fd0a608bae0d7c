"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { defineAction, siteOrigin } from "@/lib/auth";
import { env } from "@/lib/env";
import { joinTeam, openTeam, startTeamPayment, type TeamEntry } from "@/lib/group-buys";
import { joinTeamInput, openTeamInput, payTeamInput } from "@/lib/group-buys/contract";

// The actions send the buyer on: to the team, or to pay for the seat.
async function goOn(entry: TeamEntry, viewer: Parameters<typeof startTeamPayment>[0]): Promise<never> {
  revalidatePath("/products/[slug]", "page");
  if (!entry.needsPayment) redirect(`/teams/${entry.teamId}`);
  let url: string;
  try {
    ({ url } = await startTeamPayment(viewer, entry.orderNumber, siteOrigin(await headers(), env().AUTH_URL)));
  } catch {
    // The seat is held until the payment deadline; the team page offers to pay again.
    redirect(`/teams/${entry.teamId}?payment=error`);
  }
  redirect(url);
}

export const openTeamAction = defineAction(
  { name: "openTeam", access: "user", input: openTeamInput },
  async (input, { viewer }) => goOn(await openTeam(viewer, input), viewer),
);

export const joinTeamAction = defineAction(
  { name: "joinTeam", access: "user", input: joinTeamInput },
  async (input, { viewer }) => goOn(await joinTeam(viewer, input), viewer),
);

export const payTeamAction = defineAction(
  { name: "payTeam", access: "user", input: payTeamInput },
  async (input, { viewer }) => {
    const { url } = await startTeamPayment(viewer, input.orderNumber, siteOrigin(await headers(), env().AUTH_URL));
    redirect(url);
  },
);
