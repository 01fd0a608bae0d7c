"use server";

import { AuthError } from "next-auth";
import { redirect } from "next/navigation";
import { AppError } from "@/lib/core/errors";
import { defineAction, RateLimitedSignin, signIn } from "@/lib/auth";
import { safeCallbackPath, signInInput } from "@/lib/auth/contract";
import { takeGuestCart } from "../cart/take-guest-cart";

export const signInAction = defineAction(
  { name: "signIn", access: "public", input: signInInput },
  async ({ identifier, password, callbackUrl }) => {
    try {
      await signIn("credentials", { identifier, password, redirect: false });
    } catch (err) {
      if (err instanceof RateLimitedSignin || (err as { code?: string })?.code === "rate_limited") {
        const seconds = (err as Partial<RateLimitedSignin>).retryAfterSeconds ?? 300;
        throw new AppError("RATE_LIMITED", "sign-in rate limited", { retryAfterSeconds: seconds, params: { seconds } });
      }
      if (err instanceof AuthError) throw new AppError("INVALID_CREDENTIALS", "sign-in failed");
      throw err;
    }
    await takeGuestCart(identifier);
    redirect(safeCallbackPath(callbackUrl, "/"));
  },
);
