"use server";

import { headers } from "next/headers";
import { after } from "next/server";
import { mailLinkOrigin, requestPasswordReset } from "@/lib/accounts";
import { forgotPasswordInput } from "@/lib/accounts/contract";
import { clientIp, defineAction } from "@/lib/auth";

// The answer is the same whether or not the account exists; the e-mail goes out after the response (Next's
// `after`), so its SMTP round trip shows neither in the answer nor in its timing.
export const forgotPasswordAction = defineAction(
  { name: "forgotPassword", access: "public", input: forgotPasswordInput },
  async (input) => {
    const h = await headers();
    await requestPasswordReset(input, { ip: clientIp(h), origin: mailLinkOrigin(h), deliver: after });
  },
);
