import { getLocale, getTranslations } from "next-intl/server";
import { requireWorkspacePage } from "@/lib/auth";
import { pick, type Locale } from "@/lib/i18n/locales";
import { getManagedStations } from "@/lib/stations";

export default async function StationWorkspacePage() {
  const viewer = await requireWorkspacePage("station");
  const [locale, t, ts, stations] = await Promise.all([
    getLocale() as Promise<Locale>,
    getTranslations("stationWs"),
    getTranslations("stations"),
    getManagedStations(viewer),
  ]);
  return (
    <div className="flex flex-col gap-4" data-testid="workspace-station">
      <h1 className="text-xl font-bold">{t("title")}</h1>
      {stations.map((s) => (
        <section key={s.id} className="rounded-xl bg-white p-4 ring-1 ring-rice-200">
          <h2 className="font-semibold">{pick(locale, s.nameZh, s.nameEn)}</h2>
          <p className="text-sm text-ink-700">{pick(locale, s.addressZh, s.addressEn)}</p>
          <p className="text-sm text-ink-700">
            {ts("hours", { opens: s.opensAt, closes: s.closesAt })} · {ts("cutoff", { time: s.cutoffTime })}
          </p>
        </section>
      ))}
    </div>
  );
}
