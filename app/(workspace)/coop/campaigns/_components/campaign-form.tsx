"use client";

import { useActionState, useState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import type { FormAction } from "@/components/ui/action-form";

export function CampaignForm({
  action,
  variants,
  stations,
}: {
  action: FormAction;
  variants: { id: string; label: string }[];
  stations: { id: string; name: string }[];
}) {
  const t = useTranslations("coopCampaigns");
  const [state, formAction, pending] = useActionState(action, null);
  const [all, setAll] = useState(true);
  const f = state && !state.ok ? state.fields : undefined;
  return (
    <form action={formAction} className="flex flex-col gap-3" data-testid="campaign-form">
      {state && !state.ok ? <Notice tone="error">{state.message}</Notice> : null}
      {state?.ok ? <Notice tone="success">{t("created")}</Notice> : null}
      <Field label={t("variant")} name="variantId" errors={f?.variantId}>
        {(control) => (
          <select {...control} className="min-h-11 rounded-lg border border-rice-200 bg-white px-3">
            {variants.map((v) => (
              <option key={v.id} value={v.id}>
                {v.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label={t("titleZh")} name="titleZh" required maxLength={60} errors={f?.titleZh} />
        <Field label={t("titleEn")} name="titleEn" required maxLength={80} errors={f?.titleEn} />
        <Field label={t("price")} name="price" required inputMode="decimal" errors={f?.price} />
        <Field label={t("stockCap")} name="stockCap" required inputMode="numeric" errors={f?.stockCap} />
        <Field label={t("minTotalQuantity")} name="minTotalQuantity" inputMode="numeric" errors={f?.minTotalQuantity} />
        <Field label={t("pickupDay")} name="pickupDay" type="date" required errors={f?.pickupDay} />
        <Field label={t("opensAt")} name="opensAt" type="datetime-local" required errors={f?.opensAt} />
        <Field label={t("closesAt")} name="closesAt" type="datetime-local" required errors={f?.closesAt} />
      </div>
      <fieldset className="flex flex-col gap-1 text-sm">
        <legend className="mb-1 font-medium text-ink-700">{t("stations")}</legend>
        <label className="flex items-center gap-2">
          <input type="checkbox" name="stations" value="all" checked={all} onChange={(e) => setAll(e.target.checked)} />
          {t("allStations")}
        </label>
        {!all
          ? stations.map((s) => (
              <label key={s.id} className="flex items-center gap-2 pl-4">
                <input type="checkbox" name="stations" value={s.id} />
                {s.name}
              </label>
            ))
          : null}
        {f?.stations ? (
          <span role="alert" className="text-xs text-persimmon-600">
            {f.stations.join(" ")}
          </span>
        ) : null}
      </fieldset>
      <Button type="submit" disabled={pending} className="self-start" data-testid="create-campaign">
        {t("create")}
      </Button>
    </form>
  );
}
