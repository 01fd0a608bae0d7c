import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { changeOf, FigureCards } from "@/components/reports/figure-cards";
import { RangePicker } from "@/components/reports/range-picker";
import { ReportChart } from "@/components/reports/report-chart";
import { ReportTableView } from "@/components/reports/report-table";
import { requireWorkspacePage } from "@/lib/auth";
import { formatFen } from "@/lib/core/money";
import { titled } from "@/lib/i18n/server";
import { adminReport } from "@/lib/reports";
import { reportQuery } from "@/lib/reports/contract";
import { axisLabel, seriesChart } from "@/app/(workspace)/_reports/chart";
import { csvHref } from "@/app/(workspace)/_reports/csv-href";

export const generateMetadata = titled("adminReports");

export default async function AdminReportsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const viewer = await requireWorkspacePage("admin");
  const sp = await searchParams;
  const [locale, format, t, r] = await Promise.all([
    getLocale(),
    getFormatter(),
    getTranslations("reports"),
    adminReport(viewer, reportQuery.parse(sp)),
  ]);
  const label = (day: string) => axisLabel(day, r.range.grain, locale);
  const revenue = seriesChart(
    { categories: r.weekly.categories, series: r.weekly.series.filter((s) => s.key === "revenue") },
    { kind: "bar", money: true, title: t("charts.weekly"), name: () => t("figures.revenue"), label },
  );
  const orders = seriesChart(
    { categories: r.weekly.categories, series: r.weekly.series.filter((s) => s.key === "orders") },
    { kind: "line", title: t("charts.weeklyOrders"), name: () => t("figures.orders"), label },
  );
  const csv = csvHref("admin", "platform", r.range);
  return (
    <div className="flex flex-col gap-4" data-testid="admin-reports">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-xl font-bold">{t("title.admin")}</h1>
        <span className="text-xs text-ink-500">{t("asOf", { at: format.dateTime(r.asOf, "short") })}</span>
      </div>
      <RangePicker range={r.range} basePath="/admin/reports" />
      <FigureCards
        cards={[
          {
            key: "revenue",
            label: t("figures.revenue"),
            value: formatFen(r.totals.revenueFen, locale),
            change: changeOf(r.totals.revenueFen, r.previous.revenueFen),
          },
          {
            key: "orders",
            label: t("figures.orders"),
            value: format.number(r.totals.orders),
            change: changeOf(r.totals.orders, r.previous.orders),
          },
          {
            key: "activeBuyers",
            label: t("figures.activeBuyers"),
            value: format.number(r.totals.activeBuyers),
            change: changeOf(r.totals.activeBuyers, r.previous.activeBuyers),
          },
        ]}
      />
      <div className="grid gap-4 lg:grid-cols-2">
        <ReportChart {...revenue} />
        <ReportChart {...orders} />
      </div>
      <ReportTableView
        table={r.tables.weeks}
        title={t("tableFor", { title: t("tables.weeks") })}
        csvHref={csv("weeks")}
      />
      <div className="grid gap-4 lg:grid-cols-2">
        <ReportTableView table={r.tables.coops} title={t("tables.coops")} csvHref={csv("coops")} />
        <ReportTableView table={r.tables.stations} title={t("tables.stations")} csvHref={csv("stations")} />
        <ReportTableView table={r.tables.streamers} title={t("tables.streamers")} csvHref={csv("streamers")} />
      </div>
    </div>
  );
}
