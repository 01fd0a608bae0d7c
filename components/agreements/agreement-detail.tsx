"use client";

import { useFormatter, useLocale, useTranslations } from "next-intl";
import { ActionButton } from "@/components/ui/action-button";
import { ActionForm, type FormAction } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { bpsToPercent, type AgreementDetailDto } from "@/lib/agreements/contract";
import { formatDay } from "@/lib/i18n/format-day";
import { pick } from "@/lib/i18n/locales";
import { AgreementStatus } from "./agreement-status";
import { TermsFields } from "./terms-fields";

export interface AgreementActions {
  accept?: FormAction;
  reject?: FormAction;
  counter?: FormAction;
  withdraw?: FormAction;
  end?: FormAction;
}

/**
 * One agreement as either side sees it: the terms, whose turn it is, what the viewer may do now (each button an
 * action of the viewer's workspace) and the whole history.
 */
export function AgreementDetail({
  agreement: a,
  actions,
}: {
  agreement: AgreementDetailDto;
  actions: AgreementActions;
}) {
  const t = useTranslations("agreements");
  const format = useFormatter();
  const locale = useLocale();
  const day = (d: string) => formatDay(d, locale);
  const productName = (id: string) => {
    const p = a.coopProducts.find((x) => x.id === id) ?? a.products.find((x) => x.id === id);
    return p ? pick(locale, p.nameZh, p.nameEn) : id;
  };
  const fields = { agreementId: a.id };
  const negotiating = a.status === "proposed" || a.status === "countered";
  return (
    <div className="flex flex-col gap-4" data-testid="agreement-detail" data-agreement-id={a.id}>
      <section className="flex flex-col gap-2 rounded-xl bg-white p-4 ring-1 ring-rice-200">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h1 className="text-lg font-bold">
            {pick(locale, a.coopNameZh, a.coopNameEn)} × {a.streamerName}
          </h1>
          <AgreementStatus agreement={a} />
        </div>
        <p className="text-sm" data-testid="agreement-terms">
          {t("terms", { rate: a.rateBps / 10_000, starts: day(a.startsOn), ends: day(a.endsOn) })}
        </p>
        <p className="text-sm text-ink-700">
          {a.allProducts ? t("allProducts") : a.products.map((p) => pick(locale, p.nameZh, p.nameEn)).join("、")}
        </p>
        {negotiating && a.awaiting ? (
          <p className="text-sm font-medium" data-testid="agreement-turn">
            {a.awaiting === a.viewerSide ? t("yourTurn") : t(`awaiting.${a.awaiting}`)}
          </p>
        ) : null}
        {a.endedAt ? (
          <p className="text-xs text-ink-500">{t("endedAt", { at: format.dateTime(a.endedAt, "medium") })}</p>
        ) : null}
        <div className="flex flex-wrap gap-2 pt-1">
          {a.can.accept && actions.accept ? (
            <ActionButton
              action={actions.accept}
              fields={fields}
              label={t("accept")}
              variant="primary"
              successNote={t("done")}
              testId="agreement-accept"
            />
          ) : null}
          {a.can.reject && actions.reject ? (
            <ActionButton
              action={actions.reject}
              fields={fields}
              label={t("reject")}
              confirm={t("rejectConfirm")}
              testId="agreement-reject"
            />
          ) : null}
          {a.can.withdraw && actions.withdraw ? (
            <ActionButton
              action={actions.withdraw}
              fields={fields}
              label={t("withdraw")}
              confirm={t("withdrawConfirm")}
              testId="agreement-withdraw"
            />
          ) : null}
          {a.can.end && actions.end ? (
            <ActionButton
              action={actions.end}
              fields={fields}
              label={t("end")}
              variant="danger"
              confirm={t("endConfirm")}
              testId="agreement-end"
            />
          ) : null}
        </div>
      </section>
      {a.can.counter && actions.counter ? (
        <section className="rounded-xl bg-white p-4 ring-1 ring-rice-200">
          <h2 className="mb-2 font-semibold">{t("counter")}</h2>
          <ActionForm action={actions.counter} successNote={t("sent")} testId="agreement-counter-form">
            {(errors, pending) => (
              <>
                <input type="hidden" name="agreementId" value={a.id} />
                <TermsFields
                  products={a.coopProducts}
                  errors={errors}
                  defaults={{
                    rate: bpsToPercent(a.rateBps),
                    startsOn: a.startsOn,
                    endsOn: a.endsOn,
                    allProducts: a.allProducts,
                    productIds: a.products.map((p) => p.id),
                  }}
                />
                <Button type="submit" disabled={pending} className="self-start" data-testid="agreement-counter">
                  {t("counterSubmit")}
                </Button>
              </>
            )}
          </ActionForm>
        </section>
      ) : null}
      <section className="rounded-xl bg-white p-4 ring-1 ring-rice-200">
        <h2 className="mb-2 font-semibold">{t("history")}</h2>
        <ol className="flex flex-col gap-3 text-sm" data-testid="agreement-history">
          {a.history.map((e) => (
            <li
              key={e.id}
              className="border-l-2 border-rice-200 pl-3"
              data-testid="agreement-event"
              data-action={e.action}
            >
              <p className="font-medium">
                {t(`event.${e.action}`, { side: e.side, name: e.actorName ?? "" })}
                <span className="ml-2 text-xs font-normal text-ink-500">{format.dateTime(e.createdAt, "short")}</span>
              </p>
              {e.rateBps !== null && e.startsOn && e.endsOn ? (
                <p className="text-ink-700">
                  {t("terms", { rate: e.rateBps / 10_000, starts: day(e.startsOn), ends: day(e.endsOn) })} ·{" "}
                  {e.productIds ? e.productIds.map(productName).join("、") : t("allProducts")}
                </p>
              ) : null}
              {e.note ? <p className="text-ink-700">“{e.note}”</p> : null}
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
