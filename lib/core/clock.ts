/**
 * The server clock, injectable so tests (and the e2e test hook) can move time.
 * Production code asks `now()` instead of `new Date()` wherever time decides an outcome.
 * The state sits on globalThis: Next bundles route handlers and pages separately, each with its own copy
 * of this module, and they must all read one clock.
 */
interface ClockState {
  offsetMs: number;
  fixed: number | null;
}
const g = globalThis as typeof globalThis & { __elianClock?: ClockState };
const state = (): ClockState => (g.__elianClock ??= { offsetMs: 0, fixed: null });

export function now(): Date {
  const s = state();
  return new Date(s.fixed ?? Date.now() + s.offsetMs);
}

export function setClockForTests(at: Date | null): void {
  const s = state();
  s.fixed = at ? at.getTime() : null;
  s.offsetMs = 0;
}

export function advanceClock(ms: number): void {
  const s = state();
  if (s.fixed !== null) s.fixed += ms;
  else s.offsetMs += ms;
}

export function clockOffsetMs(): number {
  const s = state();
  return s.fixed !== null ? s.fixed - Date.now() : s.offsetMs;
}
