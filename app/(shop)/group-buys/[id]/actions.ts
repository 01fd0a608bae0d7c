"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { defineAction } from "@/lib/auth";
import { orderFromCampaign } from "@/lib/group-buys";

export const orderCampaignAction = defineAction(
  { name: "orderCampaign", access: "user", input: z.record(z.string(), z.unknown()) },
  async (input, { viewer }) => {
    const { number } = await orderFromCampaign(viewer, input);
    revalidatePath(`/group-buys/${String(input.campaignId)}`);
    redirect(`/orders/${number}?placed=1`);
  },
);
