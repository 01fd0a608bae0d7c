"use client";

import { useTranslations } from "next-intl";
import { Countdown, useClockSkew } from "@/components/ui/countdown";
import { formatFen } from "@/lib/core/money";
import { pick, type Locale } from "@/lib/i18n/locales";
import type { LiveSnapshot } from "@/lib/live/contract";
import { useLiveEvents } from "./use-live-events";

/** The OBS browser-source overlay: pinned product, price, the open drop's countdown and units left, a QR to buy. */
export function OverlayView({
  initial,
  locale,
  qr,
  serverNow,
}: {
  initial: LiveSnapshot;
  locale: Locale;
  qr: string;
  serverNow: number;
}) {
  const t = useTranslations("live");
  const { state } = useLiveEvents(initial.sessionId, initial);
  const skewMs = useClockSkew(serverNow);
  const drop = state.drops.find((d) => d.status === "open");
  const p = state.pinned;
  if (!p && !drop) return <div data-testid="overlay-empty" />;
  return (
    <div
      className="fixed bottom-6 left-6 flex max-w-md items-end gap-3 rounded-2xl bg-white/90 p-4 text-ink-900 shadow-xl"
      data-testid="overlay"
    >
      <div className="flex min-w-0 flex-1 flex-col gap-1">
        {p ? (
          <>
            <span className="self-start rounded bg-persimmon-600 px-2 py-0.5 text-sm text-white">
              {t("explaining")}
            </span>
            <p className="truncate text-2xl font-bold" data-testid="overlay-product">
              {pick(locale, p.nameZh, p.nameEn)}
            </p>
            <p className="text-xl font-semibold text-persimmon-600">
              {p.minPriceFen === null ? t("priceComing") : formatFen(p.minPriceFen, locale)}
            </p>
          </>
        ) : null}
        {drop ? (
          <p className="text-lg" data-testid="overlay-drop">
            {t("drop")} {formatFen(drop.priceFen, locale)} ·{" "}
            {drop.unitsLeft > 0 ? t("unitsLeft", { count: drop.unitsLeft, cap: drop.quantityCap }) : t("soldOut")} ·{" "}
            <Countdown endsAt={drop.closesAt} skewMs={skewMs} doneLabel={t("dropClosed")} />
          </p>
        ) : null}
      </div>
      {/* eslint-disable-next-line @next/next/no-img-element -- generated data: URL */}
      <img src={qr} alt={t("scanToBuy")} width={120} height={120} className="rounded-lg" />
    </div>
  );
}
