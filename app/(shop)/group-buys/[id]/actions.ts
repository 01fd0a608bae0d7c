"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { defineAction } from "@/lib/auth";
import { orderFromCampaign } from "@/lib/group-buys";
import { orderCampaignInput } from "@/lib/group-buys/contract";

export const orderCampaignAction = defineAction(
  { name: "orderCampaign", access: "user", input: orderCampaignInput },
  async (input, { viewer }) => {
    const { number } = await orderFromCampaign(viewer, input);
    revalidatePath(`/group-buys/${input.campaignId}`);
    redirect(`/orders/${number}?placed=1`);
  },
);
