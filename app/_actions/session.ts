"use server";

import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { defineAction, getViewer, revokeSession, signOut } from "@/lib/auth";
import { safeCallbackPath } from "@/lib/auth/contract";
import { LOCALE_COOKIE, locales } from "@/lib/i18n/locales";

/** Signs out: revokes the session row first, so the old cookie is dead even if the browser keeps it. */
export async function signOutAction(): Promise<void> {
  const viewer = await getViewer();
  if (viewer) await revokeSession(viewer.sessionId, "sign_out");
  await signOut({ redirectTo: "/login?signedOut=1" });
}

const setLocale = defineAction(
  {
    name: "setLocale",
    access: "public",
    input: z.strictObject({ locale: z.enum(locales), back: z.string().max(2048).optional() }),
  },
  async ({ locale, back }) => {
    (await cookies()).set(LOCALE_COOKIE, locale, {
      path: "/",
      maxAge: 365 * 24 * 3600,
      sameSite: "lax",
      httpOnly: false,
    });
    redirect(safeCallbackPath(back, "/"));
  },
);

/** Form action for the header's language switch (a form action returns nothing). */
export async function setLocaleAction(form: FormData): Promise<void> {
  await setLocale(form);
}
