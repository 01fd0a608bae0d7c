"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/auth";
import { approveApplication, rejectApplication, setJoinedStatus } from "@/lib/joining";
import { applicationIdInput, joinedStatusInput, rejectApplicationInput } from "@/lib/joining/contract";

const done = () => revalidatePath("/admin/applications", "layout");

export const approveApplicationAction = defineAction(
  { name: "approveApplication", access: "admin", input: applicationIdInput },
  async ({ applicationId }, { viewer }) => {
    const out = await approveApplication(viewer, applicationId);
    done();
    return out;
  },
);
export const rejectApplicationAction = defineAction(
  { name: "rejectApplication", access: "admin", input: rejectApplicationInput },
  async (input, { viewer }) => {
    await rejectApplication(viewer, input);
    done();
  },
);
export const setJoinedStatusAction = defineAction(
  { name: "setJoinedStatus", access: "admin", input: joinedStatusInput },
  async (input, { viewer }) => {
    await setJoinedStatus(viewer, input);
    done();
  },
);
