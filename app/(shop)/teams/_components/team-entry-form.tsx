"use client";

import Link from "next/link";
import { startTransition, useActionState, useState, type FormEvent } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import type { FormAction } from "@/components/ui/action-form";
import { pick, type Locale } from "@/lib/i18n/locales";
type Station = { id: string; nameZh: string; nameEn: string; addressZh?: string; addressEn?: string };

/**
 * 开团 or 参团: the pickup station (fixed for a same-station team), how many, and how to pay — as at checkout.
 * A team that filled up meanwhile answers clearly and offers to open a new one.
 */
export function TeamEntryForm({
  mode,
  action,
  target,
  stations,
  fixedStation,
  onlineAvailable,
  idempotencyKey,
  locale,
  newTeamHref,
  testId,
}: {
  mode: "open" | "join";
  action: FormAction;
  /** The deal (open) or the team (join). */
  target: string;
  stations: Station[];
  fixedStation: Station | null;
  onlineAvailable: boolean;
  idempotencyKey: string;
  locale: Locale;
  newTeamHref: string;
  testId: string;
}) {
  const t = useTranslations("teams");
  const [state, formAction, pending] = useActionState(action, null);
  const [method, setMethod] = useState<"pay_at_pickup" | "card" | "wallet">("pay_at_pickup");
  const f = state && !state.ok ? state.fields : undefined;
  const online = method !== "pay_at_pickup";
  // Submitting through a transition keeps the choices made when the action answers with an error.
  function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    startTransition(() => formAction(data));
  }
  return (
    <form
      action={formAction}
      onSubmit={submit}
      className="flex flex-col gap-3 rounded-xl bg-white p-3 ring-1 ring-rice-200"
      data-testid={testId}
    >
      {state && !state.ok ? (
        <Notice tone="error">
          <span data-testid="team-error" data-code={state.code}>
            {state.message}
          </span>
          {state.code === "TEAM_CLOSED" ? (
            <Link href={newTeamHref} className="ml-2 font-medium underline" data-testid="open-new-team">
              {t("openNew")}
            </Link>
          ) : null}
        </Notice>
      ) : null}
      <input type="hidden" name={mode === "open" ? "dealId" : "teamId"} value={target} />
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      {fixedStation ? (
        <p className="text-sm">
          <input type="hidden" name="stationId" value={fixedStation.id} />
          {t("stationFixed", { station: pick(locale, fixedStation.nameZh, fixedStation.nameEn) })}
        </p>
      ) : (
        <fieldset className="flex flex-col gap-1">
          <legend className="mb-1 text-sm font-medium">{t("station")}</legend>
          {stations.map((s, i) => (
            <label key={s.id} className="flex items-start gap-2 text-sm">
              <input type="radio" name="stationId" value={s.id} defaultChecked={i === 0} className="mt-1" />
              <span className="min-w-0">
                {pick(locale, s.nameZh, s.nameEn)}
                {s.addressZh ? (
                  <span className="block text-xs text-ink-500">
                    {pick(locale, s.addressZh, s.addressEn ?? s.addressZh)}
                  </span>
                ) : null}
              </span>
            </label>
          ))}
          {f?.stationId ? (
            <span role="alert" className="text-xs text-persimmon-600">
              {f.stationId.join(" ")}
            </span>
          ) : null}
        </fieldset>
      )}
      <label className="flex items-center gap-2 text-sm">
        {t("quantity")}
        <input
          name="quantity"
          type="number"
          min={1}
          max={10}
          defaultValue={1}
          inputMode="numeric"
          className="w-20 rounded-lg border border-rice-200 px-2 py-1"
        />
      </label>
      <fieldset className="flex flex-col gap-1">
        <legend className="mb-1 text-sm font-medium">{t("payMethod")}</legend>
        {(["pay_at_pickup", "card", "wallet"] as const)
          .filter((m) => m === "pay_at_pickup" || onlineAvailable)
          .map((m) => (
            <label key={m} className="flex items-start gap-2 text-sm">
              <input
                type="radio"
                name="payMethod"
                value={m}
                checked={method === m}
                onChange={() => setMethod(m)}
                className="mt-1"
                data-testid={`team-pay-${m}`}
              />
              <span>{t(`pay.${m}`)}</span>
            </label>
          ))}
        {!onlineAvailable ? <p className="text-xs text-ink-500">{t("onlineUnavailable")}</p> : null}
      </fieldset>
      <Button type="submit" disabled={pending} data-testid={mode === "open" ? "open-team" : "join-team"}>
        {mode === "open" ? (online ? t("openAndPay") : t("open")) : online ? t("joinAndPay") : t("join")}
      </Button>
    </form>
  );
}
