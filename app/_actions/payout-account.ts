"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { defineAction, siteOrigin } from "@/lib/auth";
import { env } from "@/lib/env";
import { startPayoutOnboarding } from "@/lib/finance";
import { payoutAccountInput } from "@/lib/finance/contract";

/** A cooperative, streamer or station sets up Stripe payouts: off to Stripe's hosted onboarding. */
export const startPayoutAccountAction = defineAction(
  { name: "startPayoutAccount", access: "user", input: payoutAccountInput },
  async (input, { viewer }) => {
    const { url } = await startPayoutOnboarding(viewer, input, siteOrigin(await headers(), env().AUTH_URL));
    redirect(url);
  },
);
