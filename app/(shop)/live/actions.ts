"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/auth";
import { buyDrop, remindMe } from "@/lib/live";
import { buyDropInput, sessionIdInput } from "@/lib/live/contract";

export const buyDropAction = defineAction(
  { name: "buyDrop", access: "user", input: buyDropInput },
  async (input, { viewer }) => {
    const { number } = await buyDrop(viewer, input);
    return { number };
  },
);

export const remindMeAction = defineAction(
  { name: "remindMe", access: "user", input: sessionIdInput },
  async (input, { viewer }) => {
    await remindMe(viewer, input);
    revalidatePath("/live");
  },
);
