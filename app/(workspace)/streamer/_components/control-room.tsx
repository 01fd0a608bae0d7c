"use client";

import { useActionState, useEffect, useState } from "react";
import { useTranslations } from "next-intl";
import { Countdown, useClockSkew } from "@/components/ui/countdown";
import { useLiveEvents } from "@/components/live/use-live-events";
import { ActionButton } from "@/components/ui/action-button";
import type { FormAction } from "@/components/ui/action-form";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Field } from "@/components/ui/field";
import { Notice } from "@/components/ui/notice";
import { formatFen } from "@/lib/core/money";
import { pick, type Locale } from "@/lib/i18n/locales";
import type { LiveSnapshot } from "@/lib/live/contract";

export interface Figures {
  viewers: number;
  revenueFen: number;
  orders: number;
  drops: {
    id: string;
    nameZh: string;
    nameEn: string;
    orders: number;
    unitsSold: number;
    unitsLeft: number;
    status: string;
  }[];
}

/** The control room, usable on a phone beside the camera: go live, pin, reveal, drops, live figures. */
export function ControlRoom({
  initial,
  figures: initialFigures,
  locale,
  serverNow,
  actions,
}: {
  initial: LiveSnapshot;
  figures: Figures;
  locale: Locale;
  serverNow: number;
  actions: {
    goLive: FormAction;
    end: FormAction;
    pin: FormAction;
    unpin: FormAction;
    reveal: FormAction;
    openDrop: FormAction;
    closeDrop: FormAction;
    deleteComment: FormAction;
    muteCommenter: FormAction;
  };
}) {
  const t = useTranslations("streamer");
  const { state } = useLiveEvents(initial.sessionId, initial);
  const skewMs = useClockSkew(serverNow);
  const [dropState, openDrop, opening] = useActionState(actions.openDrop, null);
  // Figures (orders, revenue) come from the server: fetched every few seconds while live, without
  // re-rendering the page (a page refresh would reset what the streamer is typing into the drop form).
  const [figures, setFigures] = useState(initialFigures);
  const [seenFigures, setSeenFigures] = useState(initialFigures);
  if (seenFigures !== initialFigures) {
    setSeenFigures(initialFigures);
    setFigures(initialFigures);
  }
  useEffect(() => {
    if (state.status !== "live") return;
    const load = () =>
      fetch(`/streamer/sessions/${initial.sessionId}/figures`, { cache: "no-store" })
        .then((r) => (r.ok ? (r.json() as Promise<Figures>) : null))
        .then((f) => f && setFigures(f))
        .catch(() => {});
    const id = setInterval(load, 5000);
    return () => clearInterval(id);
  }, [state.status, initial.sessionId]);
  const sid = { sessionId: initial.sessionId };
  const f = dropState && !dropState.ok ? dropState.fields : undefined;
  return (
    <div className="flex flex-col gap-4" data-testid="control-room" data-status={state.status}>
      <div className="grid grid-cols-2 gap-2 text-center sm:grid-cols-4">
        <Stat label={t("figViewers")} value={String(state.viewers || figures.viewers)} testId="fig-viewers" />
        <Stat label={t("figOrders")} value={String(figures.orders)} testId="fig-orders" />
        <Stat label={t("figRevenue")} value={formatFen(figures.revenueFen, locale)} testId="fig-revenue" />
        <Stat label={t("figLikes")} value={String(state.likes)} testId="fig-likes" />
      </div>
      <div className="flex flex-wrap gap-2">
        {state.status === "scheduled" ? (
          <ActionButton action={actions.goLive} fields={sid} label={t("goLive")} variant="primary" testId="go-live" />
        ) : null}
        {state.status === "live" ? (
          <ActionButton
            action={actions.end}
            fields={sid}
            label={t("endLive")}
            variant="danger"
            confirm={t("endConfirm")}
            testId="end-live"
          />
        ) : null}
        <span className="self-center text-sm text-ink-500" data-testid="control-status">
          {t(`state.${state.status}`)}
        </span>
      </div>

      <section className="flex flex-col gap-2" data-testid="control-comments">
        <h2 className="font-semibold">{t("commentsTitle", { count: state.comments.length })}</h2>
        <ol className="flex max-h-64 flex-col gap-1 overflow-y-auto text-sm">
          {state.comments.map((c) => (
            <li key={c.id} className="flex items-center gap-2" data-testid="control-comment">
              <span className="min-w-0 flex-1 break-words">
                <span className="font-medium">{c.name}</span> {c.body}
              </span>
              <ActionButton
                action={actions.deleteComment}
                fields={{ commentId: c.id }}
                label={t("commentDelete")}
                variant="ghost"
                testId="comment-delete"
              />
              <ActionButton
                action={actions.muteCommenter}
                fields={{ commentId: c.id }}
                label={t("commentMute")}
                variant="ghost"
                confirm={t("commentMuteConfirm", { name: c.name })}
                testId="comment-mute"
              />
            </li>
          ))}
        </ol>
      </section>

      <section className="flex flex-col gap-2">
        <h2 className="font-semibold">{t("bagTitle")}</h2>
        {state.bag.map((p) => {
          const pinned = state.pinned?.productId === p.productId;
          return (
            <div
              key={p.productId}
              className={cn(
                "flex flex-wrap items-center gap-2 rounded-xl bg-white p-2 ring-1",
                pinned ? "ring-persimmon-500" : "ring-rice-200",
              )}
              data-testid="control-bag-item"
            >
              <span className="min-w-0 flex-1 truncate text-sm font-medium">
                {pick(locale, p.nameZh, p.nameEn)}{" "}
                {p.minPriceFen === null ? `· ${t("priceHidden")}` : `· ${formatFen(p.minPriceFen, locale)}`}
              </span>
              {pinned ? (
                <ActionButton action={actions.unpin} fields={sid} label={t("unpin")} testId="unpin" />
              ) : (
                <ActionButton
                  action={actions.pin}
                  fields={{ ...sid, productId: p.productId }}
                  label={t("pin")}
                  variant="primary"
                  testId={`pin-${p.slug}`}
                />
              )}
              {!p.priceRevealed ? (
                <ActionButton
                  action={actions.reveal}
                  fields={{ ...sid, productId: p.productId }}
                  label={t("reveal")}
                  testId={`reveal-${p.slug}`}
                />
              ) : null}
            </div>
          );
        })}
      </section>

      <section className="flex flex-col gap-2 rounded-xl bg-white p-3 ring-1 ring-rice-200">
        <h2 className="font-semibold">{t("openDrop")}</h2>
        <form action={openDrop} className="grid grid-cols-2 items-end gap-2" data-testid="open-drop-form">
          <input type="hidden" name="sessionId" value={initial.sessionId} />
          <Field label={t("field.variant")} name="variantId" errors={f?.variantId}>
            {(control) => (
              <select {...control} className="min-h-11 rounded-lg border border-rice-200 bg-white px-2 text-sm">
                {state.bag.flatMap((p) =>
                  p.variants.map((v) => (
                    <option key={v.id} value={v.id}>
                      {pick(locale, p.nameZh, p.nameEn)} · {pick(locale, v.labelZh, v.labelEn)}
                    </option>
                  )),
                )}
              </select>
            )}
          </Field>
          <Field label={t("field.dropPrice")} name="price" required inputMode="decimal" errors={f?.price} />
          <Field
            label={t("field.quantityCap")}
            name="quantityCap"
            required
            inputMode="numeric"
            errors={f?.quantityCap}
          />
          <Field
            label={t("field.perBuyerLimit")}
            name="perBuyerLimit"
            required
            inputMode="numeric"
            defaultValue="2"
            errors={f?.perBuyerLimit}
          />
          <Field
            label={t("field.durationSeconds")}
            name="durationSeconds"
            required
            inputMode="numeric"
            defaultValue="300"
            errors={f?.durationSeconds}
          />
          <Button type="submit" disabled={opening || state.status !== "live"} data-testid="open-drop">
            {t("openDrop")}
          </Button>
        </form>
        {dropState && !dropState.ok && !f ? <Notice tone="error">{dropState.message}</Notice> : null}
      </section>

      {state.drops.length ? (
        <section className="flex flex-col gap-2">
          <h2 className="font-semibold">{t("drops")}</h2>
          {state.drops.map((d) => {
            const fig = figures.drops.find((x) => x.id === d.id);
            return (
              <div
                key={d.id}
                className="flex flex-wrap items-center justify-between gap-2 rounded-xl bg-white p-2 text-sm ring-1 ring-rice-200"
                data-testid="control-drop"
              >
                <span>
                  {pick(locale, d.nameZh, d.nameEn)} {pick(locale, d.variantLabelZh, d.variantLabelEn)} ·{" "}
                  {formatFen(d.priceFen, locale)} ·{" "}
                  <span data-testid="control-units-left">
                    {t("unitsLeft", { left: d.unitsLeft, cap: d.quantityCap })}
                  </span>{" "}
                  · {t("dropOrders", { orders: fig?.orders ?? 0, units: fig?.unitsSold ?? 0 })}
                </span>
                {d.status === "open" ? (
                  <span className="flex items-center gap-2">
                    <Countdown
                      endsAt={d.closesAt}
                      skewMs={skewMs}
                      doneLabel={t("closed")}
                      testId="control-drop-countdown"
                    />
                    <ActionButton
                      action={actions.closeDrop}
                      fields={{ ...sid, dropId: d.id }}
                      label={t("closeDrop")}
                      variant="danger"
                    />
                  </span>
                ) : (
                  <span className="text-xs text-ink-500">{t("closed")}</span>
                )}
              </div>
            );
          })}
        </section>
      ) : null}
    </div>
  );
}

function Stat({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="rounded-xl bg-white p-2 ring-1 ring-rice-200">
      <p className="text-xs text-ink-500">{label}</p>
      <p className="text-lg font-semibold" data-testid={testId}>
        {value}
      </p>
    </div>
  );
}
