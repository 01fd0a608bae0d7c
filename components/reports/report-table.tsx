import { useFormatter, useLocale, useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import { formatFen } from "@/lib/core/money";
import { formatDay } from "@/lib/i18n/format-day";
import { lookup } from "@/lib/i18n/lookup";
import type { ReportTable } from "@/lib/reports/contract";

type Column = ReportTable["columns"][number];

/**
 * A report's table, the figures a chart shows in a form people (and screen readers) can read: the column labels and
 * values in the reader's language, names in it too (a name's other language is left to the CSV), and its CSV link.
 */
export function ReportTableView({ table, title, csvHref }: { table: ReportTable; title: string; csvHref: string }) {
  const t = useTranslations("reports");
  const locale = useLocale();
  const format = useFormatter();
  const other = locale === "zh-CN" ? "_en" : "_zh";
  const shown = table.columns.map((c, i) => [c, i] as const).filter(([c]) => !c.key.endsWith(other));
  const label = (c: Column) => lookup(t, `columns.${c.key.replace(/_(zh|en)$/, "")}`);
  const cell = (c: Column, v: string | number | null): string => {
    if (v === null) return c.kind === "days" ? t("values.noSales") : t("values.none");
    switch (c.kind) {
      case "fen":
        return formatFen(Number(v), locale);
      case "int":
        return format.number(Number(v));
      case "percent":
        return format.number(Number(v), { style: "percent", maximumFractionDigits: 1 });
      case "days":
        return t("values.days", { days: Number(v) });
      case "minutes":
        return t("values.minutes", { minutes: Number(v) });
      case "day":
        return formatDay(String(v), locale);
      case "instant":
        return format.dateTime(new Date(String(v)), "short");
      default:
        if (c.key === "channel") return lookup(t, `channels.${v}`);
        if (c.key === "fulfillment") return lookup(t, `fulfillment.${v}`);
        return String(v);
    }
  };
  const numeric = (c: Column) => c.kind !== "text" && c.kind !== "day" && c.kind !== "instant";
  return (
    <section
      className="flex flex-col gap-2 rounded-xl bg-white p-3 ring-1 ring-rice-200"
      data-testid={`report-table-${table.id}`}
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="font-semibold">{title}</h2>
        <a href={csvHref} className="text-sm text-paddy-700 underline" data-testid={`report-csv-${table.id}`}>
          {t("csv")}
        </a>
      </div>
      {table.rows.length === 0 ? (
        <p className="text-sm text-ink-500">{t("empty")}</p>
      ) : (
        <div className="-mx-3 overflow-x-auto px-3">
          <table className="w-full min-w-max text-sm">
            <thead>
              <tr className="border-b border-rice-200 text-left text-xs text-ink-500">
                {shown.map(([c]) => (
                  <th key={c.key} scope="col" className={cn("py-1 pr-3 font-normal", numeric(c) && "text-right")}>
                    {label(c)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((row, r) => (
                <tr key={r} className="border-b border-rice-100 last:border-0" data-testid="report-row">
                  {shown.map(([c, i]) => (
                    <td
                      key={c.key}
                      className={cn("py-1 pr-3 whitespace-nowrap", numeric(c) && "text-right tabular-nums")}
                    >
                      {cell(c, row[i] ?? null)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
