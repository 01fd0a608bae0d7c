"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/auth";
import { actOnCoopLines, refundHandedOverLine } from "@/lib/orders";
import { coopLineActionInput, refundLineInput } from "@/lib/orders/contract";

export const coopLineAction = defineAction(
  { name: "coopLineAction", access: "coop", input: coopLineActionInput },
  async (input, { viewer }) => {
    const status = await actOnCoopLines(viewer, input);
    revalidatePath("/coop/orders");
    return { status };
  },
);

export const refundLineAction = defineAction(
  { name: "refundLine", access: "coop", input: refundLineInput },
  async (input, { viewer }) => {
    const refund = await refundHandedOverLine(viewer, input);
    revalidatePath("/coop/orders");
    revalidatePath("/coop/finance");
    return refund;
  },
);
