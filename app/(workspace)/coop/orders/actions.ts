"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/auth";
import { actOnCoopLines } from "@/lib/orders";
import { coopLineActionInput } from "@/lib/orders/contract";

export const coopLineAction = defineAction(
  { name: "coopLineAction", access: "coop", input: coopLineActionInput },
  async (input, { viewer }) => {
    const status = await actOnCoopLines(viewer, input);
    revalidatePath("/coop/orders");
    return { status };
  },
);
