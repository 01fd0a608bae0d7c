"use client";

import { useEffect, useState } from "react";

/**
 * Time left until `endsAt`, ticking every second. `serverNow` (ms) corrects for a browser clock that is off:
 * the server clock decides, so the display follows it.
 */
export function Countdown({ endsAt, serverNow, doneLabel, testId }: { endsAt: string; serverNow: number; doneLabel: string; testId?: string }) {
  const [skew] = useState(() => serverNow - Date.now());
  const [left, setLeft] = useState(() => new Date(endsAt).getTime() - serverNow);
  useEffect(() => {
    const tick = () => setLeft(new Date(endsAt).getTime() - (Date.now() + skew));
    tick();
    const id = setInterval(tick, 1000);
    return () => clearInterval(id);
  }, [endsAt, skew]);
  if (left <= 0) return <span data-testid={testId}>{doneLabel}</span>;
  const s = Math.floor(left / 1000);
  const d = Math.floor(s / 86400);
  const hms = [Math.floor((s % 86400) / 3600), Math.floor((s % 3600) / 60), s % 60].map((n) => String(n).padStart(2, "0")).join(":");
  return (
    <span className="tabular-nums" data-testid={testId} data-seconds-left={s}>
      {d > 0 ? `${d}d ` : ""}
      {hms}
    </span>
  );
}
