"use server";

import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { mailLinkOrigin, resendVerification } from "@/lib/accounts";
import { resendVerificationInput } from "@/lib/accounts/contract";
import { changePasswordInput } from "@/lib/auth/contract";
import { changePassword, defineAction } from "@/lib/auth";

export const changePasswordAction = defineAction(
  { name: "changePassword", access: "user", input: changePasswordInput },
  async (input, { viewer }) => changePassword(viewer, input),
);

export const resendVerificationAction = defineAction(
  { name: "resendVerification", access: "user", input: resendVerificationInput },
  async (_, { viewer }) => {
    const r = await resendVerification(viewer, mailLinkOrigin(await headers()));
    revalidatePath("/account");
    return r;
  },
);
