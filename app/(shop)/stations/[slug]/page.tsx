import { titled } from "@/lib/i18n/server";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { pick } from "@/lib/i18n/locales";
import { getStationBySlug } from "@/lib/stations";
import { nextPickupDay } from "@/lib/stations/contract";
import { serverNow } from "@/lib/system";

export const generateMetadata = titled("station");

export default async function StationPage({ params }: { params: Promise<{ slug: string }> }) {
  const station = await getStationBySlug((await params).slug);
  if (!station) notFound();
  const [locale, t] = await Promise.all([getLocale(), getTranslations("stationsPage")]);
  const rows: [string, string][] = [
    [t("town"), pick(locale, station.townZh, station.townEn)],
    [t("address"), pick(locale, station.addressZh, station.addressEn)],
    [t("phone"), station.phone],
    [t("openingHours"), `${station.opensAt}–${station.closesAt}`],
    [t("dailyCutoff"), station.cutoffTime],
    [t("nextPickupDay"), nextPickupDay(station, serverNow())],
    [t("keepDays"), t("keepDaysValue", { days: station.pickupExpiryDays })],
  ];
  return (
    <article className="mx-auto flex w-full max-w-xl flex-col gap-4" data-testid="station-page">
      <h1 className="text-xl font-bold">{pick(locale, station.nameZh, station.nameEn)}</h1>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 rounded-xl bg-white p-4 text-sm ring-1 ring-rice-200">
        {rows.map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="text-ink-500">{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      <p className="text-sm text-ink-700">{t("howItWorks", { cutoff: station.cutoffTime })}</p>
    </article>
  );
}
