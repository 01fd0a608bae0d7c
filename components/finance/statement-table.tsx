import Link from "next/link";
import { useFormatter, useLocale, useTranslations } from "next-intl";
import { cn } from "@/components/ui/cn";
import { PrintButton } from "@/components/ui/print-button";
import type { StatementView } from "@/lib/finance/contract";
import { formatFen } from "@/lib/core/money";
import { formatDay } from "@/lib/i18n/format-day";
import { pick } from "@/lib/i18n/locales";

export interface StatementLinks {
  /** The page for another period or page of entries. */
  href: (q: { period: "week" | "month"; day?: string; after?: string }) => string;
  csv: (q: { period: "week" | "month"; day: string }) => string;
}

/**
 * A statement as a table: period switcher (week / month, previous / next), opening balance, each entry with its
 * order and item and the running balance, closing balance; CSV and print. Amounts are what the platform owes the
 * party: + owed more, − owed less. On a phone the table scrolls sideways; printed, only the statement remains.
 */
export function StatementTable({
  statement: st,
  links,
  title,
}: {
  statement: StatementView;
  links: StatementLinks;
  /** Instead of "Statement": what this one is (the platform's fees). */
  title?: string;
}) {
  const t = useTranslations("finance");
  const locale = useLocale();
  const format = useFormatter();
  const { period } = st;
  const range = t("statement.period", {
    first: formatDay(period.firstDay, locale),
    last: formatDay(period.lastDay, locale),
  });
  const signed = (fen: number) => (fen > 0 ? `+${formatFen(fen, locale)}` : formatFen(fen, locale));
  return (
    <section className="flex flex-col gap-3 rounded-xl bg-white p-4 ring-1 ring-rice-200" data-testid="statement">
      <p className="hidden text-lg font-semibold print:block">
        {t("statement.printedFor", {
          party: pick(locale, st.party.nameZh, st.party.nameEn),
          first: formatDay(period.firstDay, locale),
          last: formatDay(period.lastDay, locale),
        })}
      </p>
      <div className="no-print flex flex-wrap items-center justify-between gap-2">
        <h2 className="font-semibold">
          {title ?? t("statement.title")} · <span data-testid="statement-period">{range}</span>
        </h2>
        <span
          className={cn(
            "rounded-full px-2 py-0.5 text-xs",
            st.closed ? "bg-rice-100 text-ink-700" : "bg-paddy-500/10 text-paddy-700",
          )}
        >
          {st.closed ? t("statement.closed") : t("statement.running")}
        </span>
      </div>
      <nav className="no-print flex flex-wrap items-center gap-2 text-sm" aria-label={t("statement.title")}>
        {(["week", "month"] as const).map((kind) => (
          <Link
            key={kind}
            href={links.href({ period: kind, day: period.firstDay })}
            aria-current={period.kind === kind ? "page" : undefined}
            className={cn(
              "rounded-full px-3 py-1",
              period.kind === kind ? "bg-paddy-600 text-white" : "bg-white ring-1 ring-rice-200",
            )}
          >
            {t(`statement.${kind}`)}
          </Link>
        ))}
        <Link
          href={links.href({ period: period.kind, day: period.previousDay })}
          className="text-paddy-700 underline"
          data-testid="statement-previous"
        >
          {t("statement.previous")}
        </Link>
        {period.nextDay ? (
          <Link
            href={links.href({ period: period.kind, day: period.nextDay })}
            className="text-paddy-700 underline"
            data-testid="statement-next"
          >
            {t("statement.next")}
          </Link>
        ) : null}
        <Link href={links.href({ period: period.kind })} className="text-paddy-700 underline">
          {t("statement.current")}
        </Link>
        <span className="ml-auto flex gap-2">
          <a
            href={links.csv({ period: period.kind, day: period.firstDay })}
            className="text-paddy-700 underline"
            data-testid="statement-csv"
          >
            {t("statement.csv")}
          </a>
          <PrintButton label={t("statement.print")} />
        </span>
      </nav>
      <dl className="grid grid-cols-2 gap-2 text-sm sm:grid-cols-3">
        <div>
          <dt className="text-ink-500">{t("statement.opening")}</dt>
          <dd className="font-medium tabular-nums" data-testid="statement-opening">
            {formatFen(st.openingFen, locale)}
          </dd>
        </div>
        <div>
          <dt className="text-ink-500">{t("statement.closing")}</dt>
          <dd className="font-medium tabular-nums" data-testid="statement-closing">
            {formatFen(st.closingFen, locale)}
          </dd>
        </div>
        <div className="col-span-2 text-ink-500 sm:col-span-1">{t("statement.count", { count: st.entryCount })}</div>
      </dl>
      {st.entries.length === 0 ? (
        <p className="text-sm text-ink-500">{t("statement.empty")}</p>
      ) : (
        <div className="-mx-4 overflow-x-auto px-4">
          <table className="w-full min-w-[36rem] text-sm" data-testid="statement-entries">
            <thead>
              <tr className="border-b border-rice-200 text-left text-xs text-ink-500">
                <th className="py-1 pr-2 font-normal">{t("statement.columns.date")}</th>
                <th className="py-1 pr-2 font-normal">{t("statement.columns.kind")}</th>
                <th className="py-1 pr-2 font-normal">{t("statement.columns.order")}</th>
                <th className="py-1 pr-2 font-normal">{t("statement.columns.item")}</th>
                <th className="py-1 pr-2 text-right font-normal">{t("statement.columns.amount")}</th>
                <th className="py-1 text-right font-normal">{t("statement.columns.balance")}</th>
              </tr>
            </thead>
            <tbody>
              {st.entries.map((e) => (
                <tr
                  key={e.id}
                  className="border-b border-rice-100 last:border-0"
                  data-testid="statement-entry"
                  data-kind={e.kind}
                >
                  <td className="py-1 pr-2 whitespace-nowrap text-ink-700">{format.dateTime(e.at, "short")}</td>
                  <td className="py-1 pr-2">
                    {t(`kinds.${e.kind}`)}
                    {e.cash ? <span className="ml-1 text-xs text-ink-500">({t("statement.cashTag")})</span> : null}
                  </td>
                  <td className="py-1 pr-2 font-mono text-xs">{e.orderNumber ?? ""}</td>
                  <td className="py-1 pr-2">{e.item ? pick(locale, e.item.zh, e.item.en) : ""}</td>
                  <td
                    className={cn("py-1 pr-2 text-right tabular-nums", e.amountFen < 0 && "text-persimmon-600")}
                    data-testid="entry-amount"
                  >
                    {signed(e.amountFen)}
                  </td>
                  <td className="py-1 text-right tabular-nums">{formatFen(e.balanceFen, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {st.nextAfter ? (
        <Link
          href={links.href({ period: period.kind, day: period.firstDay, after: st.nextAfter })}
          className="no-print self-start text-sm text-paddy-700 underline"
        >
          {t("statement.more")}
        </Link>
      ) : null}
    </section>
  );
}
