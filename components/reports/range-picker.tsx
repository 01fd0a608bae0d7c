import Link from "next/link";
import { useLocale, useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import { formatDay } from "@/lib/i18n/format-day";
import { reportGrains, reportPresets, type ReportRange } from "@/lib/reports/contract";

/**
 * The period picker: preset periods as links, a custom period and the grouping as a plain GET form (works without
 * JavaScript), the period shown and the one it is compared with.
 */
export function RangePicker({
  range,
  basePath,
  keep = {},
}: {
  range: ReportRange;
  basePath: string;
  /** Query parameters every link keeps (the cooperative, the station). */
  keep?: Record<string, string>;
}) {
  const t = useTranslations("reports");
  const locale = useLocale();
  const href = (q: Record<string, string>) => `${basePath}?${new URLSearchParams({ ...keep, ...q })}`;
  return (
    <section className="no-print flex flex-col gap-2" data-testid="range-picker">
      <nav className="-mx-1 flex gap-2 overflow-x-auto px-1 pb-1 text-sm" aria-label={t("picker.apply")}>
        {reportPresets
          .filter((p) => p !== "custom")
          .map((p) => (
            <Link
              key={p}
              href={href({ range: p })}
              aria-current={range.preset === p ? "page" : undefined}
              className={cn(
                "rounded-full px-3 py-1 whitespace-nowrap",
                range.preset === p ? "bg-paddy-600 text-white" : "bg-white ring-1 ring-rice-200",
              )}
            >
              {t(`presets.${p}`)}
            </Link>
          ))}
      </nav>
      <form method="get" action={basePath} className="flex flex-wrap items-end gap-2 text-sm">
        {Object.entries(keep).map(([k, v]) => (
          <input key={k} type="hidden" name={k} value={v} />
        ))}
        <input type="hidden" name="range" value="custom" />
        <label className="flex flex-col gap-1">
          {t("picker.from")}
          <input
            type="date"
            name="from"
            defaultValue={range.from}
            className="min-h-10 rounded-lg border border-rice-200 px-2"
          />
        </label>
        <label className="flex flex-col gap-1">
          {t("picker.to")}
          <input
            type="date"
            name="to"
            defaultValue={range.to}
            className="min-h-10 rounded-lg border border-rice-200 px-2"
          />
        </label>
        <label className="flex flex-col gap-1">
          {t("picker.grain")}
          <select
            name="grain"
            defaultValue={range.grain}
            className="min-h-10 rounded-lg border border-rice-200 bg-white px-2"
          >
            {reportGrains.map((g) => (
              <option key={g} value={g}>
                {t(`grains.${g}`)}
              </option>
            ))}
          </select>
        </label>
        <button className="min-h-10 rounded-lg bg-white px-3 ring-1 ring-rice-200">{t("picker.apply")}</button>
      </form>
      <p className="text-sm text-ink-700" data-testid="report-period">
        {t("period", { from: formatDay(range.from, locale), to: formatDay(range.to, locale) })}
        <span className="ml-2 text-xs text-ink-500">
          {t("previous", { from: formatDay(range.previousFrom, locale), to: formatDay(range.previousTo, locale) })}
        </span>
      </p>
    </section>
  );
}
