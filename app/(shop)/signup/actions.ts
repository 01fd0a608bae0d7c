"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { after } from "next/server";
import { mailLinkOrigin, sendEmailVerification } from "@/lib/accounts";
import { clientIp, defineAction, signIn, signUp } from "@/lib/auth";
import { safeCallbackPath, signUpFormInput } from "@/lib/auth/contract";
import { takeGuestCart } from "../cart/take-guest-cart";

export const signUpAction = defineAction(
  { name: "signUp", access: "public", input: signUpFormInput },
  async ({ callbackUrl, ...fields }) => {
    const h = await headers();
    const { userId, identifier } = await signUp(fields, clientIp(h));
    // The verification link is e-mailed after the answer: the SMTP server never delays signing up, and nothing
    // else waits for verification (without a trusted origin there is no link to send; the account page resends).
    after(async () => {
      try {
        await sendEmailVerification(userId, mailLinkOrigin(h));
      } catch (err) {
        console.warn("[sign-up] no verification e-mail:", (err as Error).message);
      }
    });
    await signIn("credentials", { identifier, password: fields.password, redirect: false });
    await takeGuestCart(identifier);
    redirect(safeCallbackPath(callbackUrl, "/"));
  },
);
