"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/auth";
import { markAllRead } from "@/lib/events";
import { markAllReadInput } from "@/lib/events/contract";

export const markAllReadAction = defineAction(
  { name: "markAllRead", access: "user", input: markAllReadInput },
  async (_input, { viewer }) => {
    await markAllRead(viewer!.userId);
    revalidatePath("/", "layout");
  },
);
