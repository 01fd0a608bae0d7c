"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { resetPassword } from "@/lib/accounts";
import { resetPasswordInput } from "@/lib/accounts/contract";
import { clientIp, defineAction } from "@/lib/auth";

// Every session of the account ends with the reset (this browser's too, if it was signed in): sign in again.
export const resetPasswordAction = defineAction(
  { name: "resetPassword", access: "public", input: resetPasswordInput },
  async (input) => {
    await resetPassword(input, clientIp(await headers()));
    redirect("/login?reset=1");
  },
);
