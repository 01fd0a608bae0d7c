import { chartDataUrl } from "@/lib/reports";
import type { ReportGrain, SeriesSet } from "@/lib/reports/contract";
import type { Locale } from "@/lib/i18n/locales";

/** A bucket's label on a chart's axis: "12/3" for a day or the Monday of a week, "12月" / "Dec" for a month. */
export function axisLabel(day: string, grain: ReportGrain, locale: Locale): string {
  const [, m, d] = day.split("-").map(Number) as [number, number, number];
  if (grain !== "month") return `${m}/${d}`;
  return locale === "zh-CN"
    ? `${m}月`
    : new Intl.DateTimeFormat("en", { month: "short", timeZone: "UTC" }).format(new Date(`${day}T00:00:00Z`));
}

/** A report's series as a chart drawn on the server: the data URL and how many series it shows. */
export function seriesChart(
  set: SeriesSet,
  o: {
    kind: "bar" | "line";
    title: string;
    name: (key: string) => string;
    label: (category: string) => string;
    stacked?: boolean;
    money?: boolean;
  },
): { src: string; series: number; title: string } {
  const src = chartDataUrl({
    kind: o.kind,
    stacked: o.stacked,
    money: o.money,
    title: o.title,
    categories: set.categories.map(o.label),
    series: set.series.map((s) => ({ name: o.name(s.key), values: s.values })),
  });
  return { src, series: set.series.length, title: o.title };
}
