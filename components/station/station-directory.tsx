"use client";

import Link from "next/link";
import { useMemo, useState } from "react";
import { useTranslations } from "next-intl";
import { pick, type Locale } from "@/lib/i18n/locales";
import { distanceKm, type StationDto } from "@/lib/stations/contract";

/** The station list, sorted by distance once the browser shares its location (no map tiles needed). */
export function StationDirectory({
  stations,
  nextPickup,
  locale,
}: {
  stations: StationDto[];
  nextPickup: Record<string, string>;
  locale: Locale;
}) {
  const t = useTranslations("stationsPage");
  const [here, setHere] = useState<{ lat: number; lng: number } | null>(null);
  const [denied, setDenied] = useState(false);
  const list = useMemo(() => {
    const rows = stations.map((s) => ({ s, km: here ? distanceKm(here, s) : null }));
    return here ? rows.sort((a, b) => a.km! - b.km!) : rows;
  }, [stations, here]);
  return (
    <div className="flex flex-col gap-3">
      <button
        type="button"
        className="self-start text-sm text-paddy-700 underline"
        onClick={() =>
          navigator.geolocation?.getCurrentPosition(
            (p) => setHere({ lat: p.coords.latitude, lng: p.coords.longitude }),
            () => setDenied(true),
            { timeout: 10_000 },
          )
        }
      >
        {t("nearMe")}
      </button>
      {denied ? <p className="text-xs text-ink-500">{t("locationDenied")}</p> : null}
      <ul className="grid gap-3 sm:grid-cols-2">
        {list.map(({ s, km }) => (
          <li key={s.id}>
            <Link
              href={`/stations/${s.slug}`}
              className="flex flex-col gap-1 rounded-xl bg-white p-3 ring-1 ring-rice-200 hover:shadow-md"
              data-testid="station-card"
            >
              <span className="flex items-baseline justify-between gap-2">
                <span className="font-medium">{pick(locale, s.nameZh, s.nameEn)}</span>
                {km !== null ? <span className="shrink-0 text-xs text-paddy-700">{t("distance", { km })}</span> : null}
              </span>
              <span className="text-xs text-ink-500">
                {pick(locale, s.townZh, s.townEn)} · {pick(locale, s.addressZh, s.addressEn)}
              </span>
              <span className="text-xs text-ink-700">
                {t("hours", { opens: s.opensAt, closes: s.closesAt })} · {t("cutoff", { time: s.cutoffTime })}
              </span>
              <span className="text-xs text-persimmon-600">{t("nextPickup", { day: nextPickup[s.id] ?? "" })}</span>
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
