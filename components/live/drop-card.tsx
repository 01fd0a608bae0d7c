"use client";

import { useState, type FormEvent } from "react";
import { useTranslations } from "next-intl";
import Link from "next/link";
import { Countdown } from "@/components/ui/countdown";
import { formatFen } from "@/lib/core/money";
import { pick, type Locale } from "@/lib/i18n/locales";
import type { LiveDropDto } from "@/lib/live/contract";

export type PurchaseAnswer = { ok: true; number: string } | { ok: false; message: string };
export type Purchase = (
  dropId: string,
  body: { quantity: number; stationId: string; idempotencyKey: string },
) => Promise<PurchaseAnswer>;

/**
 * POST /api/live/drops/[id]/buy — answered by the Node entry before Next, the lightest path a signed-in tap has.
 * The order's number, or the server's reason in the reader's language; an empty reason when nothing came back
 * (the card says so in its own words, and the same key makes the next tap a retry of this one).
 */
export const postPurchase: Purchase = async (dropId, body) => {
  try {
    const res = await fetch(`/api/live/drops/${encodeURIComponent(dropId)}/buy`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    const json = (await res.json().catch(() => null)) as { number?: string; error?: { message?: string } } | null;
    if (res.ok && json?.number) return { ok: true, number: json.number };
    return { ok: false, message: json?.error?.message ?? "" };
  } catch {
    return { ok: false, message: "" };
  }
};

/** A drop: price against the usual one, units left, countdown; tap → confirm (station, quantity) → ordered. */
export function DropCard({
  drop,
  locale,
  skewMs,
  purchase = postPurchase,
  stations,
  signedIn,
  loginHref,
}: {
  drop: LiveDropDto;
  locale: Locale;
  /** Server clock minus browser clock, measured when the room first rendered (see useClockSkew). */
  skewMs: number;
  /** How a purchase is sent (tests pass their own). */
  purchase?: Purchase;
  stations: { id: string; name: string }[];
  signedIn: boolean;
  loginHref: string;
}) {
  const t = useTranslations("live");
  const [open, setOpen] = useState(false);
  // A fresh key for each time the buyer opens the confirm step: a double tap sends the same key (one order).
  const [idempotencyKey, setKey] = useState("");
  const [state, setState] = useState<PurchaseAnswer | null>(null);
  const [pending, setPending] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    const answer = await purchase(drop.id, {
      quantity: Number(form.get("quantity")),
      stationId: String(form.get("stationId") ?? ""),
      idempotencyKey,
    });
    setState(answer);
    setPending(false);
  };
  const soldOut = drop.unitsLeft <= 0;
  const closed = drop.status === "closed";
  return (
    <div className="rounded-xl bg-persimmon-500/10 p-3 ring-1 ring-persimmon-500/40" data-testid="drop-card">
      <div className="flex items-baseline justify-between gap-2">
        <p className="font-semibold">
          {t("drop")} · {pick(locale, drop.nameZh, drop.nameEn)}{" "}
          {pick(locale, drop.variantLabelZh, drop.variantLabelEn)}
        </p>
        <p className="shrink-0 text-xs">
          {closed ? (
            t("dropClosed")
          ) : (
            <Countdown endsAt={drop.closesAt} skewMs={skewMs} doneLabel={t("dropClosed")} testId="drop-countdown" />
          )}
        </p>
      </div>
      <p className="mt-1">
        <span className="text-xl font-bold text-persimmon-600">{formatFen(drop.priceFen, locale)}</span>{" "}
        <span className="text-xs text-ink-500 line-through">{formatFen(drop.regularPriceFen, locale)}</span>
      </p>
      <p className="text-sm">
        {soldOut ? (
          <strong className="text-persimmon-600" data-testid="drop-sold-out">
            {t("soldOut")}
          </strong>
        ) : (
          <span data-testid="drop-units-left" data-units={drop.unitsLeft}>
            {t("unitsLeft", { count: drop.unitsLeft, cap: drop.quantityCap })}
          </span>
        )}
        <span className="ml-2 text-xs text-ink-500">{t("limit", { n: drop.perBuyerLimit })}</span>
      </p>
      {state?.ok ? (
        <p className="mt-2 text-sm text-paddy-700" data-testid="drop-bought">
          {t("bought")}{" "}
          <Link href={`/orders/${state.number}`} className="underline">
            {state.number}
          </Link>
        </p>
      ) : closed || soldOut ? null : !signedIn ? (
        <Link
          href={loginHref}
          className="mt-2 block rounded-lg bg-persimmon-600 py-2 text-center font-semibold text-white"
        >
          {t("signInToBuy")}
        </Link>
      ) : !open ? (
        <button
          type="button"
          onClick={() => (setKey(crypto.randomUUID()), setOpen(true))}
          className="mt-2 w-full rounded-lg bg-persimmon-600 py-2 font-semibold text-white"
          data-testid="drop-buy"
        >
          {t("grab")}
        </button>
      ) : (
        <form onSubmit={submit} className="mt-2 flex flex-col gap-2" data-testid="drop-confirm">
          <label className="flex items-center justify-between gap-2 text-sm">
            {t("station")}
            <select name="stationId" className="min-h-9 max-w-56 rounded-lg border border-rice-200 bg-white px-2">
              {stations.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
          <label className="flex items-center justify-between gap-2 text-sm">
            {t("quantity")}
            <input
              name="quantity"
              type="number"
              min={1}
              max={Math.min(drop.perBuyerLimit, drop.unitsLeft)}
              defaultValue={1}
              className="w-16 rounded-lg border border-rice-200 px-2 py-1"
            />
          </label>
          <button
            disabled={pending}
            className="rounded-lg bg-persimmon-600 py-2 font-semibold text-white"
            data-testid="drop-confirm-buy"
          >
            {t("confirmBuy")}
          </button>
        </form>
      )}
      {state && !state.ok ? (
        <p role="alert" className="mt-1 text-sm text-persimmon-600">
          {state.message || t("buyFailed")}
        </p>
      ) : null}
    </div>
  );
}
