"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { after } from "next/server";
import { sendEmailVerification } from "@/lib/accounts";
import { clientIp, defineAction, signIn, signUp, siteOrigin } from "@/lib/auth";
import { safeCallbackPath, signUpFormInput } from "@/lib/auth/contract";
import { env } from "@/lib/env";
import { takeGuestCart } from "../cart/take-guest-cart";

export const signUpAction = defineAction(
  { name: "signUp", access: "public", input: signUpFormInput },
  async ({ callbackUrl, ...fields }) => {
    const h = await headers();
    const { userId, identifier } = await signUp(fields, clientIp(h));
    // The verification link is e-mailed after the answer: the SMTP server never delays signing up. Nothing else
    // waits for verification.
    const origin = siteOrigin(h, env().AUTH_URL);
    after(() => sendEmailVerification(userId, origin).catch((err: unknown) => console.warn("[sign-up]", err)));
    await signIn("credentials", { identifier, password: fields.password, redirect: false });
    await takeGuestCart(identifier);
    redirect(safeCallbackPath(callbackUrl, "/"));
  },
);
