/**
 * The server clock, injectable so tests (and the e2e test hook) can move time.
 * Production code asks `now()` instead of `new Date()` wherever time decides an outcome.
 */
let offsetMs = 0;
let fixed: number | null = null;

export function now(): Date {
  return new Date(fixed ?? Date.now() + offsetMs);
}

export function setClockForTests(at: Date | null): void {
  fixed = at ? at.getTime() : null;
}

export function advanceClock(ms: number): void {
  if (fixed !== null) fixed += ms;
  else offsetMs += ms;
}

export function clockOffsetMs(): number {
  return fixed !== null ? fixed - Date.now() : offsetMs;
}
