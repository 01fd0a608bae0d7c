/**
 * Station time: cutoffs and delivery days are wall-clock times in the station's time zone (Asia/Shanghai by
 * default), judged against the server clock. Pure functions; the clock is passed in.
 */

// Building an Intl.DateTimeFormat costs far more than using one: one per zone, kept.
const formats = new Map<string, Intl.DateTimeFormat>();

function parts(at: Date, timeZone: string) {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    });
    formats.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(at).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}:${p.second}` };
}

/** The calendar date ("YYYY-MM-DD") at `at` in the zone. */
export function localDate(at: Date, timeZone: string): string {
  return parts(at, timeZone).date;
}

/** "HH:MM:SS" at `at` in the zone. */
export function localTime(at: Date, timeZone: string): string {
  return parts(at, timeZone).time;
}

export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The instant when the wall clock in `timeZone` shows `day` `time` ("HH:MM"). */
export function zonedInstant(day: string, time: string, timeZone: string): Date {
  const guess = new Date(`${day}T${time}:00Z`);
  // Offset of the zone at that moment (minutes); two passes settle DST edges.
  let instant = guess;
  for (let i = 0; i < 2; i++) {
    const p = parts(instant, timeZone);
    const shownAsUtc = new Date(`${p.date}T${p.time}Z`).getTime();
    instant = new Date(guess.getTime() - (shownAsUtc - instant.getTime()));
  }
  return instant;
}

/** A form's datetime-local value ("YYYY-MM-DDTHH:MM"), read as wall-clock time in `timeZone` (Shanghai by default). */
export function localInputInstant(local: string, timeZone = "Asia/Shanghai"): Date {
  return zonedInstant(local.slice(0, 10), local.slice(11, 16), timeZone);
}

export interface StationClock {
  cutoffTime: string;
  timezone: string;
}

/**
 * The delivery day of an order placed at `at`: before today's cutoff → tomorrow; at or after it → the day after.
 */
export function deliveryDayFor(station: StationClock, at: Date): string {
  const today = localDate(at, station.timezone);
  const beforeCutoff = localTime(at, station.timezone) < `${station.cutoffTime}:00`;
  return addDays(today, beforeCutoff ? 1 : 2);
}

/** When the batch for `day` stops taking orders: the station's cutoff on the evening before. */
export function batchLockTime(station: StationClock, day: string): Date {
  return zonedInstant(addDays(day, -1), station.cutoffTime, station.timezone);
}

/** The next delivery day a person ordering now would get (for the station pages). */
export function nextPickupDay(station: StationClock, now: Date): string {
  return deliveryDayFor(station, now);
}

/**
 * A pickup day as people read it: zh "12月3日(周四)", en "Thu 3 Dec" — lib/i18n/format-day.ts's formatDay, which
 * pages import; this name stays for the browser journeys (e2e/shop-journey.spec.ts), which import it from here.
 */
export { formatDay as formatPickupDay } from "../i18n/format-day";
