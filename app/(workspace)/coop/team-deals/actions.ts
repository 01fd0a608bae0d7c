"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/auth";
import { createTeamDeal, endTeamDeal } from "@/lib/group-buys";

export const createTeamDealAction = defineAction(
  { name: "createTeamDeal", access: "coop", input: z.record(z.string(), z.unknown()) },
  async (input, { viewer }) => {
    const r = await createTeamDeal(viewer, input);
    revalidatePath("/coop/team-deals");
    revalidatePath("/products/[slug]", "page");
    return r;
  },
);

export const endTeamDealAction = defineAction(
  { name: "endTeamDeal", access: "coop", input: z.strictObject({ dealId: z.string().min(1).max(64) }) },
  async (input, { viewer }) => {
    await endTeamDeal(viewer, input.dealId);
    revalidatePath("/coop/team-deals", "layout");
    revalidatePath("/products/[slug]", "page");
  },
);
