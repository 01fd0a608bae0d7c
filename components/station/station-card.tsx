import Link from "next/link";
import type { StationDto } from "@/lib/stations/contract";
import { pick, type Locale } from "@/lib/i18n/locales";

export function StationCard({
  station,
  locale,
  hoursLabel,
  cutoffLabel,
  distance,
}: {
  station: StationDto;
  locale: Locale;
  hoursLabel: string;
  cutoffLabel: string;
  distance?: string | null;
}) {
  return (
    <Link
      href={`/stations/${station.slug}`}
      className="flex flex-col gap-1 rounded-xl bg-white p-3 ring-1 ring-rice-200 hover:shadow-md"
      data-testid="station-card"
    >
      <div className="flex items-baseline justify-between gap-2">
        <p className="font-medium">{pick(locale, station.nameZh, station.nameEn)}</p>
        {distance ? <span className="shrink-0 text-xs text-paddy-700">{distance}</span> : null}
      </div>
      <p className="text-xs text-ink-500">{pick(locale, station.addressZh, station.addressEn)}</p>
      <p className="text-xs text-ink-700">
        {hoursLabel} · {cutoffLabel}
      </p>
    </Link>
  );
}
