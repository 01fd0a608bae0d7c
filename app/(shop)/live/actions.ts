"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/auth";
import { buyDrop, remindMe } from "@/lib/live";

const form = z.record(z.string(), z.unknown());

export const buyDropAction = defineAction(
  { name: "buyDrop", access: "user", input: form },
  async (input, { viewer }) => {
    const { number } = await buyDrop(viewer, input);
    return { number };
  },
);

export const remindMeAction = defineAction(
  { name: "remindMe", access: "user", input: form },
  async (input, { viewer }) => {
    await remindMe(viewer, input);
    revalidatePath("/live");
  },
);
