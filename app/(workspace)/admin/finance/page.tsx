import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { ActionButton } from "@/components/ui/action-button";
import { cn } from "@/components/ui/cn";
import type { FormAction } from "@/components/ui/action-form";
import { FieldsForm } from "@/components/ui/fields-form";
import { bpsToPercent } from "@/lib/agreements/contract";
import { requireWorkspacePage } from "@/lib/auth";
import { formatFen } from "@/lib/core/money";
import { financeOverview } from "@/lib/finance";
import { statementQuery, type PayoutView } from "@/lib/finance/contract";
import { StatementTable } from "@/components/finance/statement-table";
import { statementLinks } from "@/app/(workspace)/_finance/statement-links";
import { formatDay } from "@/lib/i18n/format-day";
import { pick } from "@/lib/i18n/locales";
import { titled } from "@/lib/i18n/server";
import {
  recordRemittanceAction,
  runPayoutsAction,
  setPlatformFeeAction,
  setStationCommissionAction,
  settleManualPayoutAction,
} from "./actions";

export const generateMetadata = titled("adminFinance");

export default async function AdminFinancePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const viewer = await requireWorkspacePage("admin");
  const [locale, format, t, tf, o] = await Promise.all([
    getLocale(),
    getFormatter(),
    getTranslations("adminFinance"),
    getTranslations("finance"),
    financeOverview(viewer, statementQuery.parse(await searchParams)),
  ]);
  const fen = (v: number) => formatFen(v, locale);
  const payoutLine = (p: PayoutView) => (
    <>
      <span className="font-medium">
        {t(`party.${p.partyKind}`)} · {pick(locale, p.partyNameZh, p.partyNameEn)}
      </span>
      <span className="text-xs text-ink-500">
        {tf("payouts.period", { first: formatDay(p.periodFirstDay, locale), last: formatDay(p.periodLastDay, locale) })}
        {" · "}
        {tf(`payouts.method.${p.method}`)} · {tf(`payouts.status.${p.status}`)}
        {p.reference ? ` · ${tf("payouts.reference", { reference: p.reference })}` : ""}
      </span>
      <span className="font-semibold tabular-nums">{fen(p.amountFen)}</span>
    </>
  );
  /** A rate in percent for the sales from now on: the station's commission or a cooperative's fee. */
  const rateForm = (action: FormAction, hidden: Record<string, string>, label: string, bps: number, testId: string) => (
    <FieldsForm
      action={action}
      hidden={hidden}
      fields={[
        {
          name: "rate",
          label: `${label} · ${t("rates.percent")}`,
          defaultValue: bpsToPercent(bps),
          inputMode: "decimal",
          maxLength: 6,
        },
      ]}
      submit={t("rates.save")}
      successNote={t("rates.saved")}
      resetOnSuccess={false}
      className="sm:max-w-md"
      testId={testId}
    />
  );
  const card = (label: string, value: number, testId: string, tone?: "warn") => (
    <div className="rounded-xl bg-white p-3 ring-1 ring-rice-200">
      <p className="text-xs text-ink-500">{label}</p>
      <p className={cn("text-lg font-semibold tabular-nums", tone && "text-persimmon-600")} data-testid={testId}>
        {fen(value)}
      </p>
    </div>
  );
  return (
    <div className="flex flex-col gap-6" data-testid="admin-finance">
      <h1 className="text-xl font-bold">{t("title")}</h1>

      <section className="grid grid-cols-2 gap-2 sm:grid-cols-4">
        {card(t("revenue"), o.platformRevenueFen, "platform-revenue")}
        {card(t("payablesOf.coop"), o.payables.coop, "payables-coop")}
        {card(t("payablesOf.streamer"), o.payables.streamer, "payables-streamer")}
        {card(t("payablesOf.station"), o.payables.station, "payables-station")}
        {card(t("money.clearing"), o.clearingFen, "money-clearing")}
        {card(t("money.bank"), o.bankFen, "money-bank")}
        {card(t("money.buyerFunds"), o.buyerFundsFen, "money-buyer-funds")}
        {card(
          t("money.refundsPayable"),
          o.refundsPayableFen,
          "money-refunds-payable",
          o.refundsPayableFen > 0 ? "warn" : undefined,
        )}
      </section>
      <p
        className={cn("text-sm", o.trialBalanceFen === 0 ? "text-paddy-700" : "text-persimmon-600")}
        data-testid="trial-balance"
      >
        {o.trialBalanceFen === 0 ? t("balanced") : t("unbalanced")}{" "}
        {t("trialBalance", { amount: fen(o.trialBalanceFen) })}
      </p>

      <div data-testid="platform-statement">
        <StatementTable
          statement={o.platform}
          title={t("platformStatement")}
          links={statementLinks("/admin/finance", { kind: "platform", id: "platform" })}
        />
      </div>

      <section className="flex flex-col gap-2 rounded-xl bg-white p-4 ring-1 ring-rice-200">
        <h2 className="font-semibold">{t("run.title")}</h2>
        <p className="text-sm text-ink-700">{t("run.hint")}</p>
        <p className="text-sm" data-testid="statements-waiting">
          {t("run.waiting", { count: o.unpaidStatements })}
        </p>
        <ActionButton
          action={runPayoutsAction}
          fields={{}}
          label={t("run.button")}
          variant="primary"
          confirm={t("run.confirm")}
          testId="run-payouts"
        />
        <h3 className="mt-2 text-sm font-medium">{t("run.runs")}</h3>
        {o.runs.length === 0 ? (
          <p className="text-sm text-ink-500">{t("run.none")}</p>
        ) : (
          <ul className="text-sm text-ink-700">
            {o.runs.map((r) => (
              <li key={r.id} data-testid="payout-run">
                {format.dateTime(r.at, "short")} · {t("run.runLine", { count: r.payoutCount, amount: fen(r.totalFen) })}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="flex flex-col gap-2">
        <h2 className="font-semibold">{t("pending.title")}</h2>
        {o.pendingPayouts.length === 0 ? <p className="text-sm text-ink-500">{t("pending.empty")}</p> : null}
        <ul className="flex flex-col gap-2">
          {o.pendingPayouts.map((p) => (
            <li
              key={p.id}
              className="flex flex-col gap-2 rounded-xl bg-white p-3 text-sm ring-1 ring-rice-200"
              data-testid="pending-payout"
              data-party={`${p.partyKind}:${p.partyId}`}
            >
              <div className="flex flex-wrap items-center justify-between gap-2">{payoutLine(p)}</div>
              {p.method === "manual" ? (
                <div className="flex flex-wrap items-end gap-3">
                  <FieldsForm
                    action={settleManualPayoutAction}
                    hidden={{ payoutId: p.id, outcome: "paid" }}
                    fields={[{ name: "bankReference", label: t("pending.reference"), maxLength: 80, required: true }]}
                    submit={t("pending.markPaid")}
                    variant="primary"
                    testId={`mark-paid-${p.partyKind}`}
                  />
                  <ActionButton
                    action={settleManualPayoutAction}
                    fields={{ payoutId: p.id, outcome: "cancelled" }}
                    label={t("pending.cancel")}
                    variant="ghost"
                    confirm={t("pending.cancelConfirm")}
                  />
                </div>
              ) : (
                <p className="text-xs text-ink-500">
                  {t("pending.stripeWaiting")}
                  {p.lastError ? ` · ${t("pending.lastError", { error: p.lastError })}` : ""}
                </p>
              )}
            </li>
          ))}
        </ul>
      </section>

      <section className="flex flex-col gap-2">
        <h2 className="font-semibold">{t("stations.title")}</h2>
        <ul className="flex flex-col gap-2">
          {o.stations.map((st) => (
            <li
              key={st.id}
              className="flex flex-col gap-2 rounded-xl bg-white p-3 text-sm ring-1 ring-rice-200"
              data-testid="finance-station"
              data-station={st.id}
            >
              <p className="font-medium">{pick(locale, st.nameZh, st.nameEn)}</p>
              <dl className="grid grid-cols-3 gap-2">
                <div>
                  <dt className="text-xs text-ink-500">{t("stations.cash")}</dt>
                  <dd className="tabular-nums" data-testid="station-cash-held">
                    {fen(st.cashHeldFen)}
                  </dd>
                </div>
                <div>
                  <dt className="text-xs text-ink-500">{t("stations.commission")}</dt>
                  <dd className="tabular-nums">{fen(st.commissionOwedFen)}</dd>
                </div>
                <div>
                  <dt className="text-xs text-ink-500">{t("stations.toRemit")}</dt>
                  <dd className="font-semibold tabular-nums" data-testid="station-to-remit">
                    {fen(st.toRemitFen)}
                  </dd>
                </div>
              </dl>
              {rateForm(
                setStationCommissionAction,
                { stationId: st.id },
                t("stations.rate"),
                st.commissionBps,
                `station-rate-${st.id}`,
              )}
              {st.cashHeldFen > 0 ? (
                <FieldsForm
                  action={recordRemittanceAction}
                  hidden={{ stationId: st.id }}
                  fields={[
                    {
                      name: "amount",
                      label: t("stations.amount"),
                      inputMode: "decimal",
                      maxLength: 12,
                      required: true,
                      defaultValue: st.toRemitFen > 0 ? (st.toRemitFen / 100).toFixed(2) : undefined,
                    },
                    { name: "reference", label: t("stations.reference"), maxLength: 80, required: true },
                  ]}
                  submit={t("stations.remit")}
                  testId={`remit-${st.id}`}
                />
              ) : null}
            </li>
          ))}
        </ul>
      </section>

      <section className="flex flex-col gap-2">
        <h2 className="font-semibold">{t("coops.title")}</h2>
        <ul className="flex flex-col gap-2">
          {o.coops.map((c) => (
            <li
              key={c.id}
              className="flex flex-col gap-2 rounded-xl bg-white p-3 text-sm ring-1 ring-rice-200"
              data-testid="finance-coop"
            >
              <div className="flex flex-wrap justify-between gap-2">
                <span className="font-medium">{pick(locale, c.nameZh, c.nameEn)}</span>
                <span className="tabular-nums">
                  {t("coops.owed")} {fen(c.owedFen)}
                </span>
              </div>
              {rateForm(setPlatformFeeAction, { coopId: c.id }, t("coops.rate"), c.platformFeeBps, `coop-fee-${c.id}`)}
            </li>
          ))}
        </ul>
      </section>

      {o.streamers.length ? (
        <section className="flex flex-col gap-2">
          <h2 className="font-semibold">{t("streamers.title")}</h2>
          <ul className="divide-y divide-rice-200 rounded-xl bg-white text-sm ring-1 ring-rice-200">
            {o.streamers.map((s) => (
              <li key={s.id} className="flex justify-between gap-2 p-3">
                <span>{s.name}</span>
                <span className="tabular-nums">
                  {t("streamers.owed")} {fen(s.owedFen)}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section className="flex flex-col gap-2">
        <h2 className="font-semibold">{t("recent")}</h2>
        {o.recentPayouts.length === 0 ? <p className="text-sm text-ink-500">{tf("payouts.empty")}</p> : null}
        <ul className="divide-y divide-rice-200 rounded-xl bg-white text-sm ring-1 ring-rice-200">
          {o.recentPayouts.map((p) => (
            <li
              key={p.id}
              className="flex flex-wrap items-center justify-between gap-2 p-3"
              data-testid="recent-payout"
            >
              {payoutLine(p)}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
