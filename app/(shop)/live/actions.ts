"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/auth";
import { remindMe } from "@/lib/live";
import { sessionIdInput } from "@/lib/live/contract";

export const remindMeAction = defineAction(
  { name: "remindMe", access: "user", input: sessionIdInput },
  async (input, { viewer }) => {
    await remindMe(viewer, input);
    revalidatePath("/live");
  },
);
