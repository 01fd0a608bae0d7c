"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { defineAction } from "@/lib/auth";
import { applyAsCoop, applyAsStation, applyAsStreamer, withdrawApplication } from "@/lib/joining";
import {
  applicationIdInput,
  coopApplicationInput,
  stationApplicationInput,
  streamerApplicationInput,
} from "@/lib/joining/contract";

// Back to the kind's page, which now says the application is under review (and links to /apply).
const submitted = (kind: "coop" | "streamer" | "station"): never => {
  revalidatePath("/apply", "layout");
  redirect(`/apply/${kind}`);
};

export const applyCoopAction = defineAction(
  { name: "applyCoop", access: "user", input: coopApplicationInput },
  async (input, { viewer }) => {
    await applyAsCoop(viewer, input);
    submitted("coop");
  },
);
export const applyStreamerAction = defineAction(
  { name: "applyStreamer", access: "user", input: streamerApplicationInput },
  async (input, { viewer }) => {
    await applyAsStreamer(viewer, input);
    submitted("streamer");
  },
);
export const applyStationAction = defineAction(
  { name: "applyStation", access: "user", input: stationApplicationInput },
  async (input, { viewer }) => {
    await applyAsStation(viewer, input);
    submitted("station");
  },
);
export const withdrawApplicationAction = defineAction(
  { name: "withdrawApplication", access: "user", input: applicationIdInput },
  async ({ applicationId }, { viewer }) => {
    await withdrawApplication(viewer, applicationId);
    revalidatePath("/apply");
  },
);
