import { getLocale, getTranslations } from "next-intl/server";
import { StationDirectory } from "@/components/station/station-directory";
import { listActiveStations } from "@/lib/stations";
import { nextPickupDay } from "@/lib/stations/contract";
import { serverNow } from "@/lib/system";

export async function generateMetadata() {
  const t = await getTranslations("stationsPage");
  return { title: t("title"), description: t("intro") };
}

export default async function StationsPage() {
  const [locale, t, stations] = await Promise.all([getLocale(), getTranslations("stationsPage"), listActiveStations()]);
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
