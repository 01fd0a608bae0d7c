"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { defineAction, siteOrigin } from "@/lib/auth";
import { env } from "@/lib/env";
import { cancelMyOrder, reissuePickupCode, startOnlinePayment } from "@/lib/orders";
import { cancelMyOrderInput, payOrderInput, reissuePickupCodeInput } from "@/lib/orders/contract";

export const cancelOrderAction = defineAction(
  { name: "cancelOrder", access: "user", input: cancelMyOrderInput },
  async (input, { viewer }) => {
    await cancelMyOrder(viewer, input);
    revalidatePath(`/orders/${input.number}`);
  },
);

export const payOrderAction = defineAction(
  { name: "payOrder", access: "user", input: payOrderInput },
  async ({ number }, { viewer }) => {
    const { url } = await startOnlinePayment(viewer, number, siteOrigin(await headers(), env().AUTH_URL));
    redirect(url);
  },
);

export const reissueCodeAction = defineAction(
  { name: "reissuePickupCode", access: "user", input: reissuePickupCodeInput },
  async (input, { viewer }) => {
    await reissuePickupCode(viewer, input);
    revalidatePath(`/orders/${input.number}`);
  },
);
