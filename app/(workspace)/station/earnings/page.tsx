import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { PartyFinance } from "@/components/finance/party-finance";
import { requireWorkspacePage } from "@/lib/auth";
import { partyFinance } from "@/lib/finance";
import { statementQuery } from "@/lib/finance/contract";
import { titled } from "@/lib/i18n/server";
import { pick } from "@/lib/i18n/locales";
import { getManagedStations } from "@/lib/stations";
import { startPayoutAccountAction } from "@/app/_actions/payout-account";
import { statementLinks } from "@/app/(workspace)/_finance/statement-links";

export const generateMetadata = titled("stationEarnings");

export default async function StationEarningsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const viewer = await requireWorkspacePage("station");
  const sp = await searchParams;
  const stations = await getManagedStations(viewer);
  const station = sp.station ? stations.find((s) => s.id === sp.station) : stations[0];
  if (!station) notFound();
  const party = { kind: "station" as const, id: station.id };
  const [locale, t, view] = await Promise.all([
    getLocale(),
    getTranslations("finance"),
    partyFinance(viewer, party, statementQuery.parse(sp)),
  ]);
  return (
    <div className="flex flex-col gap-4" data-testid="station-earnings">
      <div className="no-print flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-xl font-bold">
          {t("title.station")} · {pick(locale, station.nameZh, station.nameEn)}
        </h1>
        <Link href={`/station?station=${encodeURIComponent(station.id)}`} className="text-sm text-paddy-700 underline">
          {t("toConsole")}
        </Link>
      </div>
      {stations.length > 1 ? (
        <nav className="no-print flex gap-2 text-sm" aria-label={t("switchParty")}>
          {stations.map((s) => (
            <Link
              key={s.id}
              href={`/station/earnings?station=${encodeURIComponent(s.id)}`}
              aria-current={s.id === station.id ? "true" : undefined}
              className={s.id === station.id ? "font-semibold text-paddy-700" : ""}
            >
              {pick(locale, s.nameZh, s.nameEn)}
            </Link>
          ))}
        </nav>
      ) : null}
      <PartyFinance
        view={view}
        links={statementLinks("/station/earnings", party, { station: station.id })}
        startPayoutAccount={startPayoutAccountAction}
      />
    </div>
  );
}
