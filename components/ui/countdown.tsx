"use client";

import { useEffect, useState } from "react";
import { useTranslations } from "next-intl";

/**
 * How far the server's clock is ahead of this browser's (ms), measured once when the page's root client component
 * first renders with the server time the page was rendered at. Measure it there, not where a countdown mounts: a
 * countdown that appears later (a drop opened by a live event) would otherwise count the page's age as skew.
 */
export function useClockSkew(serverNow: number): number {
  const [skew] = useState(() => {
    // Both guesses are lower bounds of the true skew (the server's time reached us before either moment): when
    // this component first renders (late by the hydration), and when the page's response started arriving (far
    // too early after a client-side navigation). The larger is the better one.
    const atMount = serverNow - Date.now();
    const nav =
      typeof performance !== "undefined"
        ? (performance.getEntriesByType?.("navigation")[0] as PerformanceNavigationTiming | undefined)
        : undefined;
    const atResponse =
      nav && nav.responseStart > 0 ? serverNow - (performance.timeOrigin + nav.responseStart) : -Infinity;
    return Math.max(atMount, atResponse);
  });
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
