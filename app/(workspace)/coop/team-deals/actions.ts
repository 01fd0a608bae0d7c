"use server";

import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/auth";
import { createTeamDeal, endTeamDeal } from "@/lib/group-buys";
import { createTeamDealInput, endTeamDealInput } from "@/lib/group-buys/contract";

export const createTeamDealAction = defineAction(
  { name: "createTeamDeal", access: "coop", input: createTeamDealInput },
  async (input, { viewer }) => {
    const r = await createTeamDeal(viewer, input);
    revalidatePath("/coop/team-deals");
    revalidatePath("/products/[slug]", "page");
    return r;
  },
);

export const endTeamDealAction = defineAction(
  { name: "endTeamDeal", access: "coop", input: endTeamDealInput },
  async (input, { viewer }) => {
    await endTeamDeal(viewer, input.dealId);
    revalidatePath("/coop/team-deals", "layout");
    revalidatePath("/products/[slug]", "page");
  },
);
