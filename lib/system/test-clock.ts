import "server-only";
import { advanceClock, clockOffsetMs, now, setClockForTests } from "../core/clock";

/** Moves the server clock for browser tests (see app/api/test/clock); returns the clock now. */
export function controlTestClock(c: { advanceMs?: number; at?: string; reset?: boolean }): {
  now: string;
  offsetMs: number;
} {
  if (c.reset) setClockForTests(null);
  if (c.at) setClockForTests(new Date(c.at));
  if (c.advanceMs) advanceClock(c.advanceMs);
  return { now: now().toISOString(), offsetMs: clockOffsetMs() };
}
