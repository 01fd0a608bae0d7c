"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/auth";
import { dispatchBatch } from "@/lib/orders";
import { dispatchBatchFormInput } from "@/lib/orders/contract";

export const dispatchBatchAction = defineAction(
  { name: "dispatchBatch", access: "coop", input: dispatchBatchFormInput },
  async ({ day, ...input }, { viewer }) => {
    const r = await dispatchBatch(viewer, input);
    revalidatePath(`/coop/pick-lists/${day}`);
    return r;
  },
);
