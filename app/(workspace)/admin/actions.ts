"use server";

import { revalidatePath } from "next/cache";
import { defineAction, setUserStatus } from "@/lib/auth";
import { setUserStatusInput } from "@/lib/auth/contract";
import { setCommentFilters } from "@/lib/live";
import { commentFiltersInput } from "@/lib/live/contract";

export const setUserStatusAction = defineAction(
  { name: "setUserStatus", access: "admin", input: setUserStatusInput },
  async ({ userId, status }, { viewer }) => {
    await setUserStatus(viewer, userId, status);
    revalidatePath("/admin");
  },
);

/** The platform's words no live comment may contain (beside each streamer's own list). */
export const setPlatformCommentFiltersAction = defineAction(
  { name: "setPlatformCommentFilters", access: "admin", input: commentFiltersInput },
  async (input, { viewer }) => {
    await setCommentFilters(viewer, input, "platform");
    revalidatePath("/admin");
  },
);
