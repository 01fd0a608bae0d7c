"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import { ActionForm, type FormAction } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import type { StationDetails } from "@/lib/joining/contract";

/** The station's application; coordinates typed or taken from the browser's geolocation. */
export function StationForm({
  action,
  applicationId,
  initial,
}: {
  action: FormAction;
  applicationId?: string;
  initial?: StationDetails;
}) {
  const t = useTranslations("apply.station");
  const [lat, setLat] = useState(initial ? String(initial.lat) : "");
  const [lng, setLng] = useState(initial ? String(initial.lng) : "");
  const [locating, setLocating] = useState(false);
  const [geoProblem, setGeoProblem] = useState<string | null>(null);

  function locate() {
    if (!("geolocation" in navigator)) {
      setGeoProblem(t("geoUnavailable"));
      return;
    }
    setLocating(true);
    setGeoProblem(null);
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setLat(pos.coords.latitude.toFixed(6));
        setLng(pos.coords.longitude.toFixed(6));
        setLocating(false);
      },
      () => {
        setGeoProblem(t("geoDenied"));
        setLocating(false);
      },
      { enableHighAccuracy: true, timeout: 10_000 },
    );
  }

  return (
    <ActionForm action={action} statusAt="bottom" className="flex flex-col gap-4" testId="apply-station-form">
      {(errors, pending) => (
        <>
          {applicationId ? <input type="hidden" name="applicationId" value={applicationId} /> : null}
          <Field
            label={t("shopName")}
            name="shopName"
            required
            maxLength={60}
            defaultValue={initial?.shopName}
            errors={errors?.shopName}
          />
          <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
            <Field
              label={t("town")}
              name="town"
              required
              maxLength={30}
              defaultValue={initial?.town}
              errors={errors?.town}
            />
            <Field
              label={t("phone")}
              name="phone"
              required
              inputMode="tel"
              maxLength={20}
              defaultValue={initial?.phone}
              errors={errors?.phone}
            />
          </div>
          <Field
            label={t("address")}
            name="address"
            required
            maxLength={120}
            defaultValue={initial?.address}
            errors={errors?.address}
          />
          <div className="grid grid-cols-2 gap-3">
            <Field
              label={t("lat")}
              name="lat"
              required
              inputMode="decimal"
              maxLength={12}
              value={lat}
              onChange={(e) => setLat(e.currentTarget.value)}
              errors={errors?.lat}
            />
            <Field
              label={t("lng")}
              name="lng"
              required
              inputMode="decimal"
              maxLength={12}
              value={lng}
              onChange={(e) => setLng(e.currentTarget.value)}
              errors={errors?.lng}
            />
          </div>
          <div className="flex flex-col gap-1">
            <Button
              type="button"
              variant="secondary"
              onClick={locate}
              disabled={locating}
              className="self-start"
              data-testid="apply-station-locate"
            >
              {locating ? t("locating") : t("useMyLocation")}
            </Button>
            {geoProblem ? (
              <p role="alert" className="text-xs text-persimmon-600">
                {geoProblem}
              </p>
            ) : null}
          </div>
          <div className="grid grid-cols-3 gap-3">
            <Field
              label={t("opensAt")}
              name="opensAt"
              type="time"
              required
              defaultValue={initial?.opensAt ?? "08:00"}
              errors={errors?.opensAt}
            />
            <Field
              label={t("closesAt")}
              name="closesAt"
              type="time"
              required
              defaultValue={initial?.closesAt ?? "20:00"}
              errors={errors?.closesAt}
            />
            <Field
              label={t("dailyCapacity")}
              name="dailyCapacity"
              required
              inputMode="numeric"
              maxLength={5}
              defaultValue={initial?.dailyCapacity}
              errors={errors?.dailyCapacity}
            />
          </div>
          <p className="text-xs text-ink-500">{t("managerNote")}</p>
          <Button type="submit" disabled={pending} className="self-start" data-testid="apply-submit">
            {applicationId ? t("resubmit") : t("submit")}
          </Button>
        </>
      )}
    </ActionForm>
  );
}
