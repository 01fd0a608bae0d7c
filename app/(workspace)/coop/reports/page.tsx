import Link from "next/link";
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { changeOf, FigureCards } from "@/components/reports/figure-cards";
import { RangePicker } from "@/components/reports/range-picker";
import { ReportChart } from "@/components/reports/report-chart";
import { ReportTableView } from "@/components/reports/report-table";
import { requireWorkspacePage } from "@/lib/auth";
import { resolveWorkspaceCoop } from "@/lib/catalog";
import { formatFen } from "@/lib/core/money";
import { pick } from "@/lib/i18n/locales";
import { lookup } from "@/lib/i18n/lookup";
import { titled } from "@/lib/i18n/server";
import { listCoopSessions } from "@/lib/live";
import { coopReport } from "@/lib/reports";
import { reportQuery } from "@/lib/reports/contract";
import { axisLabel, seriesChart } from "@/app/(workspace)/_reports/chart";
import { csvHref } from "@/app/(workspace)/_reports/csv-href";
import { CoopSwitcher } from "../_components/coop-switcher";
import { orNotFound } from "../_lib/or-not-found";

export const generateMetadata = titled("coopReports");

export default async function CoopReportsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const viewer = await requireWorkspacePage("coop");
  const sp = await searchParams;
  const { current, coops } = await orNotFound(resolveWorkspaceCoop(viewer, sp.coop));
  const [locale, format, t, tw, r, sessions] = await Promise.all([
    getLocale(),
    getFormatter(),
    getTranslations("reports"),
    getTranslations("coopWs"),
    coopReport(viewer, current.id, reportQuery.parse(sp)),
    listCoopSessions(viewer, current.id),
  ]);
  const label = (day: string) => axisLabel(day, r.range.grain, locale);
  const channel = (key: string) => lookup(t, `channels.${key}`);
  const revenue = seriesChart(r.revenueByChannel, {
    kind: "bar",
    stacked: true,
    money: true,
    title: t("charts.revenueByChannel"),
    name: channel,
    label,
  });
  const orders = seriesChart(r.ordersByChannel, {
    kind: "line",
    title: t("charts.ordersByChannel"),
    name: channel,
    label,
  });
  const csv = csvHref("coop", current.id, r.range);
  return (
    <div className="flex flex-col gap-4" data-testid="coop-reports">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-xl font-bold">
          {t("title.coop")} · {pick(locale, current.nameZh, current.nameEn)}
        </h1>
        <span className="text-xs text-ink-500">{t("asOf", { at: format.dateTime(r.asOf, "short") })}</span>
      </div>
      <CoopSwitcher
        coops={coops}
        currentId={current.id}
        basePath="/coop/reports"
        label={tw("switchCoop")}
        locale={locale}
      />
      <RangePicker range={r.range} basePath="/coop/reports" keep={{ coop: current.id }} />
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
            key: "refunds",
            label: t("figures.refunds"),
            value: formatFen(r.totals.refundsFen, locale),
            change: changeOf(r.totals.refundsFen, r.previous.refundsFen),
          },
          {
            key: "net",
            label: t("figures.net"),
            value: formatFen(r.totals.netFen, locale),
            change: changeOf(r.totals.netFen, r.previous.netFen),
          },
        ]}
      />
      <div className="grid gap-4 lg:grid-cols-2">
        <ReportChart {...revenue} />
        <ReportChart {...orders} />
      </div>
      <ReportTableView
        table={r.tables.buckets}
        title={t("tableFor", { title: t("tables.buckets") })}
        csvHref={csv("buckets")}
      />
      <div className="grid gap-4 lg:grid-cols-2">
        <ReportTableView table={r.tables.channels} title={t("tables.channels")} csvHref={csv("channels")} />
        <ReportTableView table={r.tables.fulfillment} title={t("tables.fulfillment")} csvHref={csv("fulfillment")} />
        <ReportTableView table={r.tables.products} title={t("tables.products")} csvHref={csv("products")} />
        <ReportTableView table={r.tables.stock} title={t("tables.stock")} csvHref={csv("stock")} />
        <ReportTableView table={r.tables.teams} title={t("tables.teams")} csvHref={csv("teams")} />
      </div>
      <section className="flex flex-col gap-2">
        <h2 className="font-semibold">{t("sessions")}</h2>
        {sessions.length === 0 ? <p className="text-sm text-ink-500">{t("sessionsEmpty")}</p> : null}
        <ul className="divide-y divide-rice-200 rounded-xl bg-white text-sm ring-1 ring-rice-200">
          {sessions.map((s) => (
            <li key={s.id} className="flex flex-wrap items-center justify-between gap-2 p-3">
              <span>
                {s.title}
                <span className="ml-2 text-xs text-ink-500">
                  {s.streamerName} · {format.dateTime(s.startedAt ?? s.scheduledAt, "short")}
                </span>
              </span>
              <Link
                href={`/coop/reports/sessions/${s.id}?coop=${encodeURIComponent(current.id)}`}
                className="text-paddy-700 underline"
                data-testid="session-report-link"
              >
                {t("toReport")}
              </Link>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
