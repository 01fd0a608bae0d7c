"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import type { FormAction } from "@/components/ui/action-form";

export function HoursForm({
  action,
  station,
}: {
  action: FormAction;
  station: { id: string; opensAt: string; closesAt: string; cutoffTime: string };
}) {
  const t = useTranslations("stationConsole");
  const [state, formAction, pending] = useActionState(action, null);
  const f = state && !state.ok ? state.fields : undefined;
  return (
    <form action={formAction} className="grid grid-cols-2 items-end gap-2 sm:grid-cols-4">
      <input type="hidden" name="stationId" value={station.id} />
      <Field label={t("opensAt")} name="opensAt" type="time" defaultValue={station.opensAt} errors={f?.opensAt} />
      <Field label={t("closesAt")} name="closesAt" type="time" defaultValue={station.closesAt} errors={f?.closesAt} />
      <Field
        label={t("cutoffTime")}
        name="cutoffTime"
        type="time"
        defaultValue={station.cutoffTime}
        errors={f?.cutoffTime}
      />
      <Button type="submit" disabled={pending} variant="secondary">
        {t("saveHours")}
      </Button>
      {state?.ok ? <Notice tone="success">{t("hoursSaved")}</Notice> : null}
      {state && !state.ok && !f ? <Notice tone="error">{state.message}</Notice> : null}
    </form>
  );
}
