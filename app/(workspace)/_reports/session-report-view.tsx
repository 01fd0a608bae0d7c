import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { FigureCards } from "@/components/reports/figure-cards";
import { ReportChart } from "@/components/reports/report-chart";
import { ReportTableView } from "@/components/reports/report-table";
import { formatFen } from "@/lib/core/money";
import type { SessionReport } from "@/lib/reports/contract";
import { seriesChart } from "./chart";
import { csvHref } from "./csv-href";

/** A live session's report, for its streamer and the cooperatives it featured: viewers, pins, drops, sales. */
export async function SessionReportView({ report: r }: { report: SessionReport }) {
  const [locale, format, t] = await Promise.all([getLocale(), getFormatter(), getTranslations("reports")]);
  const time = new Intl.DateTimeFormat(locale, {
    hour: "2-digit",
    minute: "2-digit",
    timeZone: "Asia/Shanghai",
    hourCycle: "h23",
  });
  const viewers = seriesChart(r.viewers, {
    kind: "line",
    title: t("charts.viewers"),
    name: () => t("charts.viewers"),
    label: (at) => time.format(new Date(at)),
  });
  const csv = csvHref("session", r.session.id, null);
  return (
    <div className="flex flex-col gap-4" data-testid="session-report">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-xl font-bold">
          {t("title.session")} · {r.session.title}
        </h1>
        <span className="text-xs text-ink-500">
          {r.session.streamerName}
          {r.session.startedAt ? ` · ${format.dateTime(r.session.startedAt, "short")}` : ""} ·{" "}
          {t("asOf", { at: format.dateTime(r.asOf, "short") })}
        </span>
      </div>
      <FigureCards
        cards={[
          { key: "peakViewers", label: t("figures.peakViewers"), value: format.number(r.totals.peakViewers) },
          { key: "averageViewers", label: t("figures.averageViewers"), value: format.number(r.totals.averageViewers) },
          { key: "orders", label: t("figures.orders"), value: format.number(r.totals.orders) },
          { key: "revenue", label: t("figures.revenue"), value: formatFen(r.totals.revenueFen, locale) },
          { key: "units", label: t("figures.units"), value: format.number(r.totals.units) },
          { key: "buyers", label: t("figures.buyers"), value: format.number(r.totals.buyers) },
          {
            key: "conversion",
            label: t("figures.conversion"),
            value:
              r.totals.conversion === null
                ? t("values.none")
                : format.number(r.totals.conversion, { style: "percent", maximumFractionDigits: 1 }),
          },
        ]}
      />
      <ReportChart {...viewers} />
      <ReportTableView table={r.tables.pins} title={t("tables.pins")} csvHref={csv("pins")} />
      <ReportTableView table={r.tables.drops} title={t("tables.drops")} csvHref={csv("drops")} />
      <ReportTableView
        table={r.tables.viewers}
        title={t("tableFor", { title: t("tables.viewers") })}
        csvHref={csv("viewers")}
      />
    </div>
  );
}
