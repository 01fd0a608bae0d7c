"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { defineAction } from "@/lib/auth";
import { checkout } from "@/lib/orders";

// The use case parses the checkout strictly; the action only forwards the form.
export const placeOrderAction = defineAction(
  { name: "placeOrder", access: "user", input: z.record(z.string(), z.unknown()) },
  async (input, { viewer }) => {
    const { number } = await checkout(viewer, input);
    revalidatePath("/", "layout"); // the header's cart count
    redirect(`/orders/${number}?placed=1`);
  },
);
