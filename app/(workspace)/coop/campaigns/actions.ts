"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/auth";
import { createCampaign } from "@/lib/group-buys";
import { createCampaignInput } from "@/lib/group-buys/contract";

export const createCampaignAction = defineAction(
  { name: "createCampaign", access: "coop", input: createCampaignInput },
  async (input, { viewer }) => {
    const r = await createCampaign(viewer, input);
    revalidatePath("/coop/campaigns");
    return r;
  },
);
