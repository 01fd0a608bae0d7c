import { getRequestConfig } from "next-intl/server";
import { formats, TIME_ZONE } from "@/lib/i18n/formats";
import { catalogs } from "@/lib/i18n/messages";
import { requestLocale } from "@/lib/i18n/server";

// Every server component's getTranslations/getFormatter reads this; NextIntlClientProvider (app/layout.tsx), rendered
// on the server, hands the same locale, formats and time zone to the client components.
export default getRequestConfig(async () => {
  const locale = await requestLocale();
  return { locale, messages: catalogs()[locale], formats, timeZone: TIME_ZONE };
});
