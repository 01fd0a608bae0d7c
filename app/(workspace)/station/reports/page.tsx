import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { changeOf, FigureCards } from "@/components/reports/figure-cards";
import { RangePicker } from "@/components/reports/range-picker";
import { ReportChart } from "@/components/reports/report-chart";
import { ReportTableView } from "@/components/reports/report-table";
import { requireWorkspacePage } from "@/lib/auth";
import { formatFen } from "@/lib/core/money";
import { pick } from "@/lib/i18n/locales";
import { titled } from "@/lib/i18n/server";
import { stationReport } from "@/lib/reports";
import { reportQuery } from "@/lib/reports/contract";
import { getManagedStations } from "@/lib/stations";
import { axisLabel, seriesChart } from "@/app/(workspace)/_reports/chart";
import { csvHref } from "@/app/(workspace)/_reports/csv-href";

export const generateMetadata = titled("stationReports");

export default async function StationReportsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const viewer = await requireWorkspacePage("station");
  const sp = await searchParams;
  const stations = await getManagedStations(viewer);
  const station = sp.station ? stations.find((s) => s.id === sp.station) : stations[0];
  if (!station) notFound();
  const [locale, format, t, tc, r] = await Promise.all([
    getLocale(),
    getFormatter(),
    getTranslations("reports"),
    getTranslations("finance"),
    stationReport(viewer, station.id, reportQuery.parse(sp)),
  ]);
  const chart = seriesChart(r.handedOverByDay, {
    kind: "bar",
    title: t("charts.handedOver"),
    name: (key) => (key === "handedOver" ? t("figures.handedOver") : t("figures.uncollected")),
    label: (day) => axisLabel(day, r.range.grain, locale),
  });
  const pct = (v: number | null) =>
    v === null ? t("values.none") : format.number(v, { style: "percent", maximumFractionDigits: 1 });
  return (
    <div className="flex flex-col gap-4" data-testid="station-reports">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-xl font-bold">
          {t("title.station")} · {pick(locale, station.nameZh, station.nameEn)}
        </h1>
        <Link href={`/station?station=${encodeURIComponent(station.id)}`} className="text-sm text-paddy-700 underline">
          {tc("toConsole")}
        </Link>
      </div>
      <RangePicker range={r.range} basePath="/station/reports" keep={{ station: station.id }} />
      <FigureCards
        cards={[
          {
            key: "handedOver",
            label: t("figures.handedOver"),
            value: format.number(r.totals.handedOver),
            change: changeOf(r.totals.handedOver, r.previous.handedOver),
          },
          { key: "uncollectedRate", label: t("figures.uncollectedRate"), value: pct(r.totals.uncollectedRate) },
          {
            key: "medianWait",
            label: t("figures.medianWait"),
            value:
              r.totals.medianWaitMinutes === null
                ? t("values.none")
                : t("values.minutes", { minutes: r.totals.medianWaitMinutes }),
          },
          {
            key: "cash",
            label: t("figures.cash"),
            value: formatFen(r.totals.cashFen, locale),
            change: changeOf(r.totals.cashFen, r.previous.cashFen),
          },
        ]}
      />
      <ReportChart {...chart} />
      <ReportTableView
        table={r.tables.days}
        title={t("tableFor", { title: t("tables.days") })}
        csvHref={csvHref("station", station.id, r.range)("days")}
      />
    </div>
  );
}
