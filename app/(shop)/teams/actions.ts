"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { defineAction, siteOrigin } from "@/lib/auth";
import { env } from "@/lib/env";
import { joinTeam, openTeam, startTeamPayment, type TeamEntry } from "@/lib/group-buys";

// The use cases parse strictly; the actions only forward the form and send the buyer on.
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
  { name: "openTeam", access: "user", input: z.record(z.string(), z.unknown()) },
  async (input, { viewer }) => goOn(await openTeam(viewer, input), viewer),
);

export const joinTeamAction = defineAction(
  { name: "joinTeam", access: "user", input: z.record(z.string(), z.unknown()) },
  async (input, { viewer }) => goOn(await joinTeam(viewer, input), viewer),
);

export const payTeamAction = defineAction(
  { name: "payTeam", access: "user", input: z.strictObject({ orderNumber: z.string().min(1).max(20) }) },
  async (input, { viewer }) => {
    const { url } = await startTeamPayment(viewer, input.orderNumber, siteOrigin(await headers(), env().AUTH_URL));
    redirect(url);
  },
);
