"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/auth";
import { cancelMyOrder } from "@/lib/orders";

export const cancelOrderAction = defineAction(
  { name: "cancelOrder", access: "user", input: z.record(z.string(), z.unknown()) },
  async (input, { viewer }) => {
    await cancelMyOrder(viewer, input);
    revalidatePath(`/orders/${String(input.number)}`);
  },
);
