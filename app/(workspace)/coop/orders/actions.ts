"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/auth";
import { actOnCoopLines } from "@/lib/orders";

export const coopLineAction = defineAction(
  { name: "coopLineAction", access: "coop", input: z.record(z.string(), z.unknown()) },
  async (input, { viewer }) => {
    const status = await actOnCoopLines(viewer, input);
    revalidatePath("/coop/orders");
    return { status };
  },
);
