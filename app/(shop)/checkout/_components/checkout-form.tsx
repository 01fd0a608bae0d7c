"use client";

import { useActionState, useMemo, useState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import type { FormAction } from "@/components/ui/action-form";
import { formatFen } from "@/lib/core/money";
import { pick, type Locale } from "@/lib/i18n/locales";
import { deliveryFeeFen } from "@/lib/orders/contract";
import { distanceKm, type StationDto } from "@/lib/stations/contract";

export function CheckoutForm({
  action,
  stations,
  pickupDays,
  lines,
  subtotalFen,
  idempotencyKey,
  locale,
  onlineAvailable,
}: {
  action: FormAction;
  stations: StationDto[];
  /** Each station's pickup day for an order placed now, as people read it ("12月3日(周四)"). */
  pickupDays: Record<string, string>;
  lines: { variantId: string; quantity: number }[];
  subtotalFen: number;
  idempotencyKey: string;
  locale: Locale;
  onlineAvailable: boolean;
}) {
  const t = useTranslations("checkout");
  const [state, formAction, pending] = useActionState(action, null);
  const [fulfillment, setFulfillment] = useState<"pickup" | "delivery">("pickup");
  const [stationId, setStationId] = useState(stations[0]?.id ?? "");
  const [online, setOnline] = useState(false);
  const [here, setHere] = useState<{ lat: number; lng: number } | null>(null);
  const [geoError, setGeoError] = useState(false);
  const f = state && !state.ok ? state.fields : undefined;
  const fee = deliveryFeeFen(subtotalFen, fulfillment);

  const sorted = useMemo(() => {
    const withDistance = stations.map((s) => ({ s, km: here ? distanceKm(here, s) : null }));
    return here ? withDistance.sort((a, b) => a.km! - b.km!) : withDistance;
  }, [stations, here]);

  function locate() {
    if (!("geolocation" in navigator)) return setGeoError(true);
    navigator.geolocation.getCurrentPosition(
      (p) => setHere({ lat: p.coords.latitude, lng: p.coords.longitude }),
      () => setGeoError(true),
      { timeout: 10_000, maximumAge: 600_000 },
    );
  }

  return (
    <form action={formAction} className="flex flex-col gap-4" data-testid="checkout-form">
      {state && !state.ok ? <Notice tone="error">{state.message}</Notice> : null}
      <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
      <input type="hidden" name="lines" value={JSON.stringify(lines)} />

      <fieldset className="flex flex-col gap-2 rounded-xl bg-white p-3 ring-1 ring-rice-200">
        <legend className="px-1 font-semibold">{t("fulfillment")}</legend>
        {(["pickup", "delivery"] as const).map((k) => (
          <label key={k} className="flex items-center gap-2">
            <input
              type="radio"
              name="fulfillment"
              value={k}
              checked={fulfillment === k}
              onChange={() => setFulfillment(k)}
            />
            {t(`fulfillmentKind.${k}`)}
          </label>
        ))}
      </fieldset>

      {fulfillment === "pickup" ? (
        <fieldset
          className="flex flex-col gap-2 rounded-xl bg-white p-3 ring-1 ring-rice-200"
          data-testid="station-picker"
        >
          <legend className="px-1 font-semibold">{t("station")}</legend>
          <button type="button" onClick={locate} className="self-start text-sm text-paddy-700 underline">
            {t("useMyLocation")}
          </button>
          {geoError ? <p className="text-xs text-ink-500">{t("locationUnavailable")}</p> : null}
          {sorted.map(({ s, km }) => (
            <label key={s.id} className="flex items-start gap-2 rounded-lg p-2 hover:bg-rice-50">
              <input
                type="radio"
                name="stationId"
                value={s.id}
                checked={stationId === s.id}
                onChange={() => setStationId(s.id)}
                className="mt-1"
              />
              <span className="flex-1 text-sm">
                <span className="font-medium">{pick(locale, s.nameZh, s.nameEn)}</span>
                {km !== null ? <span className="ml-2 text-xs text-paddy-700">{t("distance", { km })}</span> : null}
                <span className="block text-xs text-ink-500">
                  {pick(locale, s.townZh, s.townEn)} · {pick(locale, s.addressZh, s.addressEn)}
                </span>
                <span className="block text-xs text-ink-500">
                  {t("hours", { opens: s.opensAt, closes: s.closesAt, cutoff: s.cutoffTime })}
                </span>
                {pickupDays[s.id] ? (
                  <span className="block text-xs font-medium text-paddy-700" data-testid="station-pickup-day">
                    {t("pickupFrom", { day: pickupDays[s.id]! })}
                  </span>
                ) : null}
              </span>
            </label>
          ))}
          {f?.stationId ? (
            <p role="alert" className="text-xs text-persimmon-600">
              {f.stationId.join(" ")}
            </p>
          ) : null}
        </fieldset>
      ) : (
        <fieldset
          className="flex flex-col gap-3 rounded-xl bg-white p-3 ring-1 ring-rice-200"
          data-testid="address-form"
        >
          <legend className="px-1 font-semibold">{t("address")}</legend>
          <Field
            label={t("recipient")}
            name="recipient"
            required
            maxLength={40}
            autoComplete="name"
            errors={f?.recipient}
          />
          <Field
            label={t("phone")}
            name="phone"
            type="tel"
            inputMode="numeric"
            required
            maxLength={20}
            autoComplete="tel"
            errors={f?.phone}
          />
          <Field
            label={t("region")}
            name="region"
            required
            maxLength={60}
            placeholder={t("regionPlaceholder")}
            errors={f?.region}
          />
          <Field
            label={t("line")}
            name="line"
            required
            maxLength={120}
            autoComplete="street-address"
            errors={f?.line}
          />
          <Field
            label={t("postalCode")}
            name="postalCode"
            inputMode="numeric"
            maxLength={6}
            autoComplete="postal-code"
            errors={f?.postalCode}
          />
        </fieldset>
      )}

      <fieldset className="flex flex-col gap-2 rounded-xl bg-white p-3 ring-1 ring-rice-200">
        <legend className="px-1 font-semibold">{t("payment")}</legend>
        <label className="flex items-center gap-2">
          <input
            type="radio"
            name="paymentMethod"
            value={fulfillment === "pickup" ? "pay_at_pickup" : "cash_on_delivery"}
            checked={!online}
            onChange={() => setOnline(false)}
          />
          {fulfillment === "pickup" ? t("payAtPickup") : t("cashOnDelivery")}
        </label>
        {onlineAvailable ? (
          <label className="flex items-center gap-2">
            <input
              type="radio"
              name="paymentMethod"
              value="online"
              checked={online}
              onChange={() => setOnline(true)}
              data-testid="pay-online"
            />
            {t("payOnline")}
          </label>
        ) : (
          <p className="text-xs text-ink-500" data-testid="online-unavailable">
            {t("onlinePaymentUnavailable")}
          </p>
        )}
      </fieldset>

      <Field label={t("note")} name="note" maxLength={200} errors={f?.note} />

      <div className="flex flex-col gap-1 rounded-xl bg-white p-3 text-sm ring-1 ring-rice-200">
        <p className="flex justify-between">
          <span>{t("subtotal")}</span>
          <span>{formatFen(subtotalFen, locale)}</span>
        </p>
        <p className="flex justify-between">
          <span>{t("deliveryFee")}</span>
          <span>{formatFen(fee, locale)}</span>
        </p>
        <p className="flex justify-between text-base font-semibold">
          <span>{t("total")}</span>
          <span className="text-persimmon-600" data-testid="checkout-total">
            {formatFen(subtotalFen + fee, locale)}
          </span>
        </p>
      </div>
      <Button type="submit" disabled={pending} data-testid="place-order">
        {online ? t("placeAndPay") : t("placeOrder")}
      </Button>
    </form>
  );
}
