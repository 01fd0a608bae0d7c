"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/auth";
import { createCampaign } from "@/lib/group-buys";

export const createCampaignAction = defineAction(
  { name: "createCampaign", access: "coop", input: z.record(z.string(), z.unknown()) },
  async (input, { viewer }) => {
    const r = await createCampaign(viewer, input);
    revalidatePath("/coop/campaigns");
    return r;
  },
);
