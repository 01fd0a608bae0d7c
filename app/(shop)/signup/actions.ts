"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { clientIp, defineAction, signIn, signUp } from "@/lib/auth";
import { safeCallbackPath } from "@/lib/auth/contract";
import { takeGuestCart } from "../cart/take-guest-cart";

// The use case validates the account fields strictly; here only the transport's extra field is split off.
const input = z.looseObject({ callbackUrl: z.string().max(2048).optional() });

export const signUpAction = defineAction(
  { name: "signUp", access: "public", input },
  async ({ callbackUrl, ...fields }) => {
    const { identifier } = await signUp(fields, clientIp(await headers()));
    await signIn("credentials", { identifier, password: String(fields.password), redirect: false });
    await takeGuestCart(identifier);
    redirect(safeCallbackPath(callbackUrl, "/"));
  },
);
