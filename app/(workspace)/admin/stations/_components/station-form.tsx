"use client";

import { useActionState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import type { FormAction } from "@/components/ui/action-form";
import type { StationDto } from "@/lib/stations/contract";

const fields = [
  "slug",
  "nameZh",
  "nameEn",
  "townZh",
  "townEn",
  "addressZh",
  "addressEn",
  "phone",
  "opensAt",
  "closesAt",
  "cutoffTime",
  "lat",
  "lng",
  "pickupExpiryDays",
] as const;

/** Create a station, or edit one (admins). */
export function StationForm({ action, station }: { action: FormAction; station?: StationDto }) {
  const t = useTranslations("adminStations");
  const [state, formAction, pending] = useActionState(action, null);
  const f = state && !state.ok ? state.fields : undefined;
  return (
    <form
      action={formAction}
      className="flex flex-col gap-3"
      data-testid={station ? `station-form-${station.slug}` : "new-station-form"}
    >
      {state && !state.ok ? <Notice tone="error">{state.message}</Notice> : null}
      {state?.ok ? <Notice tone="success">{t("saved")}</Notice> : null}
      {station ? <input type="hidden" name="stationId" value={station.id} /> : null}
      <div className="grid gap-2 sm:grid-cols-3">
        {fields.map((k) => (
          <Field
            key={k}
            label={t(`field.${k}`)}
            name={k}
            required
            defaultValue={
              station ? String(station[k]) : k === "pickupExpiryDays" ? "3" : k === "cutoffTime" ? "22:00" : ""
            }
            errors={f?.[k]}
          />
        ))}
      </div>
      <Button type="submit" disabled={pending} className="self-start">
        {station ? t("save") : t("create")}
      </Button>
    </form>
  );
}
