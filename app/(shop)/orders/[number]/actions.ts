"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { defineAction, siteOrigin } from "@/lib/auth";
import { env } from "@/lib/env";
import { cancelMyOrder, reissuePickupCode, startOnlinePayment } from "@/lib/orders";

export const cancelOrderAction = defineAction(
  { name: "cancelOrder", access: "user", input: z.record(z.string(), z.unknown()) },
  async (input, { viewer }) => {
    await cancelMyOrder(viewer, input);
    revalidatePath(`/orders/${String(input.number)}`);
  },
);

export const payOrderAction = defineAction(
  { name: "payOrder", access: "user", input: z.strictObject({ number: z.string().max(20) }) },
  async ({ number }, { viewer }) => {
    const { url } = await startOnlinePayment(viewer, number, siteOrigin(await headers(), env().AUTH_URL));
    redirect(url);
  },
);

export const reissueCodeAction = defineAction(
  { name: "reissuePickupCode", access: "user", input: z.record(z.string(), z.unknown()) },
  async (input, { viewer }) => {
    await reissuePickupCode(viewer, input);
    revalidatePath(`/orders/${String(input.number)}`);
  },
);
