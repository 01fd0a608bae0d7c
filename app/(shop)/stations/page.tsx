import { getLocale, getTranslations } from "next-intl/server";
import { StationDirectory } from "@/components/station/station-directory";
import type { Locale } from "@/lib/i18n/locales";
import { listActiveStations } from "@/lib/stations";
import { nextPickupDay } from "@/lib/stations/contract";
import { serverNow } from "@/lib/system";

export async function generateMetadata() {
  return { title: (await getTranslations("stationsPage"))("title") };
}

export default async function StationsPage() {
  const [locale, t, stations] = await Promise.all([
    getLocale() as Promise<Locale>,
    getTranslations("stationsPage"),
    listActiveStations(),
  ]);
  const at = serverNow();
  const nextPickup = Object.fromEntries(stations.map((s) => [s.id, nextPickupDay(s, at)]));
  return (
    <>
      <h1 className="text-xl font-bold">{t("title")}</h1>
      <p className="text-sm text-ink-700">{t("intro")}</p>
      <StationDirectory stations={stations} nextPickup={nextPickup} locale={locale} />
    </>
  );
}
