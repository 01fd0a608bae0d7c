import { getRequestConfig } from "next-intl/server";
import { catalogs } from "@/lib/i18n/messages";
import { requestLocale } from "@/lib/i18n/server";

export default getRequestConfig(async () => {
  const locale = await requestLocale();
  return { locale, messages: catalogs()[locale], timeZone: "Asia/Shanghai" };
});
