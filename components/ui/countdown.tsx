"use client";

import { useEffect, useState } from "react";
import { useTranslations } from "next-intl";

/**
 * How far the server's clock is ahead of this browser's (ms), measured once when the page's root client component
 * first renders with the server time the page was rendered at. Measure it there, not where a countdown mounts: a
 * countdown that appears later (a drop opened by a live event) would otherwise count the page's age as skew.
 */
export function useClockSkew(serverNow: number): number {
  const [skew] = useState(() => serverNow - Date.now());
  return skew;
}

/**
 * Time left until `endsAt` by the server's clock, ticking every second. Give `skewMs` (from useClockSkew in the
 * page's root client component) where the countdown can appear after the page rendered; `serverNow` (the render's
 * server time) only where it mounts with the page.
 */
export function Countdown(
  props: { endsAt: string; doneLabel: string; testId?: string } & ({ skewMs: number } | { serverNow: number }),
) {
  const { endsAt, doneLabel, testId } = props;
  const t = useTranslations("common");
  const [mountSkew] = useState(() => ("serverNow" in props ? props.serverNow - Date.now() : 0));
  const skewMs = "skewMs" in props ? props.skewMs : mountSkew;
  const leftNow = () => new Date(endsAt).getTime() - (Date.now() + skewMs);
  const [left, setLeft] = useState(leftNow);
  useEffect(() => {
    const tick = () => setLeft(new Date(endsAt).getTime() - (Date.now() + skewMs));
    tick();
    const id = setInterval(tick, 1000);
    return () => clearInterval(id);
  }, [endsAt, skewMs]);
  if (left <= 0) return <span data-testid={testId}>{doneLabel}</span>;
  const s = Math.floor(left / 1000);
  const d = Math.floor(s / 86400);
  const hms = [Math.floor((s % 86400) / 3600), Math.floor((s % 3600) / 60), s % 60]
    .map((n) => String(n).padStart(2, "0"))
    .join(":");
  return (
    <span className="tabular-nums" data-testid={testId} data-seconds-left={s}>
      {d > 0 ? `${t("days", { count: d })} ` : ""}
      {hms}
    </span>
  );
}
