import { useFormatter, useLocale, useTranslations } from "next-intl";
import { ActionButton } from "@/components/ui/action-button";
import type { FormAction } from "@/components/ui/action-form";
import { cn } from "@/components/ui/cn";
import type { PartyFinanceView } from "@/lib/finance/contract";
import { formatFen } from "@/lib/core/money";
import { formatDay } from "@/lib/i18n/format-day";
import { StatementTable, type StatementLinks } from "./statement-table";

/**
 * A cooperative's, streamer's or station's money: what the platform owes it now (or it owes the platform), a
 * station's cash and commission, its payout account, the statement of the chosen period, past statements and payouts.
 */
export function PartyFinance({
  view,
  links,
  startPayoutAccount,
}: {
  view: PartyFinanceView;
  links: StatementLinks;
  startPayoutAccount: FormAction;
}) {
  const t = useTranslations("finance");
  const locale = useLocale();
  const format = useFormatter();
  const { statement, station, payoutAccount } = view;
  const owed = view.balanceFen >= 0;
  return (
    <div className="flex flex-col gap-4">
      <section className="no-print grid gap-3 sm:grid-cols-3">
        <div className="rounded-xl bg-white p-4 ring-1 ring-rice-200">
          <p className="text-sm text-ink-500">{owed ? t("owedToYou") : t("youOwe")}</p>
          <p
            className={cn("text-2xl font-bold tabular-nums", !owed && "text-persimmon-600")}
            data-testid="finance-balance"
          >
            {formatFen(Math.abs(view.balanceFen), locale)}
          </p>
          <p className="mt-1 text-xs text-ink-500">{t("balanceHint")}</p>
        </div>
        {station ? (
          <div
            className="rounded-xl bg-white p-4 text-sm ring-1 ring-rice-200 sm:col-span-2"
            data-testid="station-sides"
          >
            <dl className="grid grid-cols-3 gap-2">
              <div>
                <dt className="text-ink-500">{t("stationCash")}</dt>
                <dd className="text-lg font-semibold tabular-nums" data-testid="station-cash">
                  {formatFen(station.cashHeldFen, locale)}
                </dd>
              </div>
              <div>
                <dt className="text-ink-500">{t("stationCommission")}</dt>
                <dd className="text-lg font-semibold tabular-nums" data-testid="station-commission">
                  {formatFen(station.commissionFen, locale)}
                </dd>
              </div>
              <div>
                <dt className="text-ink-500">
                  {view.balanceFen <= 0 ? t("stationToRemit") : t("stationOwedCommission")}
                </dt>
                <dd className="text-lg font-semibold tabular-nums" data-testid="station-net">
                  {formatFen(Math.abs(view.balanceFen), locale)}
                </dd>
              </div>
            </dl>
          </div>
        ) : null}
        <div
          className={cn(
            "rounded-xl bg-white p-4 text-sm ring-1 ring-rice-200",
            station ? "sm:col-span-3" : "sm:col-span-2",
          )}
          data-testid="payout-account"
        >
          <p className="font-medium">{t("account.title")}</p>
          <p className="my-1 text-ink-700">
            {payoutAccount.stripe ? t(`account.${payoutAccount.status}`) : t("account.manual")}
          </p>
          {payoutAccount.stripe && payoutAccount.status !== "enabled" ? (
            <ActionButton
              action={startPayoutAccount}
              fields={{ kind: statement.party.kind, id: statement.party.id }}
              label={payoutAccount.status === "none" ? t("account.connect") : t("account.continue")}
              variant="primary"
              testId="payout-account-start"
            />
          ) : null}
        </div>
      </section>

      <StatementTable statement={statement} links={links} />

      <section className="no-print flex flex-col gap-2">
        <h2 className="font-semibold">{t("history.title")}</h2>
        {view.closedStatements.length === 0 ? (
          <p className="text-sm text-ink-500">{t("history.empty")}</p>
        ) : (
          <ul className="divide-y divide-rice-200 rounded-xl bg-white text-sm ring-1 ring-rice-200">
            {view.closedStatements.map((st) => (
              <li
                key={st.id}
                className="flex flex-wrap items-center justify-between gap-2 p-3"
                data-testid="closed-statement"
              >
                <a href={links.href({ period: "week", day: st.firstDay })} className="text-paddy-700 underline">
                  {t("statement.period", {
                    first: formatDay(st.firstDay, locale),
                    last: formatDay(st.lastDay, locale),
                  })}
                </a>
                <span className="tabular-nums">
                  {formatFen(st.openingFen, locale)} → {formatFen(st.closingFen, locale)}
                </span>
                <span className="text-xs text-ink-500">
                  {st.payout
                    ? t(`history.${st.payout.status}`, { amount: formatFen(st.payout.amountFen, locale) })
                    : st.closingFen > 0
                      ? t("history.unsettled")
                      : t("history.nothing")}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="no-print flex flex-col gap-2">
        <h2 className="font-semibold">{t("payouts.title")}</h2>
        {view.payouts.length === 0 ? (
          <p className="text-sm text-ink-500">{t("payouts.empty")}</p>
        ) : (
          <ul className="divide-y divide-rice-200 rounded-xl bg-white text-sm ring-1 ring-rice-200">
            {view.payouts.map((p) => (
              <li key={p.id} className="flex flex-wrap items-center justify-between gap-2 p-3" data-testid="payout">
                <span>
                  {t("payouts.period", {
                    first: formatDay(p.periodFirstDay, locale),
                    last: formatDay(p.periodLastDay, locale),
                  })}
                  <span className="ml-2 text-xs text-ink-500">{format.dateTime(p.paidAt ?? p.createdAt, "short")}</span>
                </span>
                <span className="font-medium tabular-nums">{formatFen(p.amountFen, locale)}</span>
                <span className="text-xs text-ink-500">
                  {t(`payouts.method.${p.method}`)} · {t(`payouts.status.${p.status}`)}
                  {p.reference ? ` · ${t("payouts.reference", { reference: p.reference })}` : ""}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
