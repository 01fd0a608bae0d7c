"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { clientIp, defineAction, signIn, signUp } from "@/lib/auth";
import { safeCallbackPath, signUpFormInput } from "@/lib/auth/contract";
import { takeGuestCart } from "../cart/take-guest-cart";

export const signUpAction = defineAction(
  { name: "signUp", access: "public", input: signUpFormInput },
  async ({ callbackUrl, ...fields }) => {
    const { identifier } = await signUp(fields, clientIp(await headers()));
    await signIn("credentials", { identifier, password: fields.password, redirect: false });
    await takeGuestCart(identifier);
    redirect(safeCallbackPath(callbackUrl, "/"));
  },
);
