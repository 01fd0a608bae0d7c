"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/auth";
import { markAllRead } from "@/lib/events";

export const markAllReadAction = defineAction(
  { name: "markAllRead", access: "user", input: z.record(z.string(), z.unknown()) },
  async (_input, { viewer }) => {
    await markAllRead(viewer!.userId);
    revalidatePath("/", "layout");
  },
);
