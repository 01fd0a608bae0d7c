"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { defineAction, siteOrigin } from "@/lib/auth";
import { isAppError } from "@/lib/core/errors";
import { env } from "@/lib/env";
import { checkout, startOnlinePayment } from "@/lib/orders";
import { checkoutInput } from "@/lib/orders/contract";

export const placeOrderAction = defineAction(
  { name: "placeOrder", access: "user", input: checkoutInput },
  async (input, { viewer }) => {
    const { number } = await checkout(viewer, input);
    revalidatePath("/", "layout"); // the header's cart count
    if (input.paymentMethod !== "online") redirect(`/orders/${number}?placed=1`);
    let url: string;
    try {
      ({ url } = await startOnlinePayment(viewer, number, siteOrigin(await headers(), env().AUTH_URL)));
    } catch (err) {
      // The order stands with its stock held; the order page offers to try paying again.
      if (isAppError(err)) redirect(`/orders/${number}?payment=error`);
      throw err;
    }
    redirect(url);
  },
);
