"use server";

import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { verifyEmail } from "@/lib/accounts";
import { verifyEmailInput } from "@/lib/accounts/contract";
import { clientIp, defineAction } from "@/lib/auth";

// No sign-in needed: the link is the proof (it may be opened in a mail app's browser that is not signed in).
export const verifyEmailAction = defineAction(
  { name: "verifyEmail", access: "public", input: verifyEmailInput },
  async (input) => {
    const r = await verifyEmail(input, clientIp(await headers()));
    revalidatePath("/account");
    return r;
  },
);
