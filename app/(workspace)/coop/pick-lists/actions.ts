"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/auth";
import { dispatchBatch } from "@/lib/orders";

export const dispatchBatchAction = defineAction(
  { name: "dispatchBatch", access: "coop", input: z.record(z.string(), z.unknown()) },
  async ({ day, ...input }, { viewer }) => {
    const r = await dispatchBatch(viewer, input);
    revalidatePath(`/coop/pick-lists/${String(day)}`);
    return r;
  },
);
