import { TIME_ZONE } from "./formats";
import type { Locale } from "./locales";

/**
 * A calendar day as people read it: zh "12月3日(周四)", en "Thu 3 Dec" — the one way the app shows a pickup day,
 * a batch day or the day of a show. No Intl pattern of either locale reads like this (zh-CN gives "12月3日周四",
 * en "Thu, Dec 3"), so it is built from Intl's parts here rather than being a named format in formats.ts.
 *
 * `day` is a calendar day (YYYY-MM-DD, already in the station's zone) or an instant, read in Asia/Shanghai.
 */
export function formatDay(day: string | Date, locale: Locale): string {
  const at = typeof day === "string" ? new Date(`${day}T12:00:00Z`) : day; // midday UTC: the same day in every zone
  const p = parts(locale, typeof day === "string" ? "UTC" : TIME_ZONE, at);
  return locale === "zh-CN" ? `${p.month}月${p.day}日(${p.weekday})` : `${p.weekday} ${p.day} ${p.monthName}`;
}

const formatters = new Map<string, { numeric: Intl.DateTimeFormat; named: Intl.DateTimeFormat }>();

function parts(locale: Locale, timeZone: string, at: Date) {
  const id = `${locale}|${timeZone}`;
  let f = formatters.get(id);
  if (!f) {
    f = {
      numeric: new Intl.DateTimeFormat("en-US", { timeZone, month: "numeric", day: "numeric" }),
      named: new Intl.DateTimeFormat(locale, { timeZone, weekday: "short", month: "short" }),
    };
    formatters.set(id, f);
  }
  const numeric = Object.fromEntries(f.numeric.formatToParts(at).map((x) => [x.type, x.value]));
  const named = Object.fromEntries(f.named.formatToParts(at).map((x) => [x.type, x.value]));
  return { month: numeric.month!, day: numeric.day!, weekday: named.weekday!, monthName: named.month! };
}
