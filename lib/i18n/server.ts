import "server-only";
import { cookies, headers } from "next/headers";
import type { Messages } from "next-intl";
import { getTranslations } from "next-intl/server";
import { LOCALE_COOKIE, pickLocale, type Locale } from "./locales";

export async function requestLocale(): Promise<Locale> {
  const [c, h] = await Promise.all([cookies(), headers()]);
  return pickLocale(c.get(LOCALE_COOKIE)?.value, h.get("accept-language"));
}

/** A page's `generateMetadata` giving it its title from the `titles` catalog, in the person's language. */
export function titled(key: keyof Messages["titles"]): () => Promise<{ title: string }> {
  return async () => ({ title: (await getTranslations("titles"))(key) });
}
