import type { Formats } from "next-intl";

/**
 * The named formats and the one time zone of every text the app shows. i18n/request.ts hands them to next-intl
 * (server components, and through NextIntlClientProvider the client ones); lib/i18n/messages.ts hands them to the
 * translators that run outside React. Pages call `format.dateTime(d, "short")` (getFormatter / useFormatter) and
 * messages say `{rate, number, percent}`; the names are type-checked (AppConfig in i18n/app-config.d.ts).
 *
 * Money is not here: lib/core/money.ts formatFen ("¥128"). A calendar day (YYYY-MM-DD) is lib/i18n/format-day.ts.
 */

/** Shoppers, cooperatives and stations are in China; the server may run in any zone. */
export const TIME_ZONE = "Asia/Shanghai";

export const formats = {
  dateTime: {
    /** zh "2026/12/3 19:30:05", en "12/3/2026, 7:30:05 PM" (what Date#toLocaleString shows). */
    stamp: { year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric" },
    /** zh "2026/12/3 19:30", en "12/3/26, 7:30 PM". */
    short: { dateStyle: "short", timeStyle: "short" },
    /** zh "2026年12月3日 19:30", en "Dec 3, 2026, 7:30 PM". */
    medium: { dateStyle: "medium", timeStyle: "short" },
    /** zh "2026年9月1日", en "September 1, 2026" (a calendar day: pass `{ timeZone: "UTC" }` with midnight UTC). */
    date: { year: "numeric", month: "long", day: "numeric" },
    /** zh "19:30", en "07:30 PM". */
    time: { hour: "2-digit", minute: "2-digit" },
    /** "19:30" in both: a 24-hour clock, beside a pickup-style day ("12月3日(周四) 19:30"). */
    clock: { hour: "2-digit", minute: "2-digit", hourCycle: "h23" },
  },
  number: {
    /** A distance in km with one decimal: "2.5". */
    km: { minimumFractionDigits: 1, maximumFractionDigits: 1 },
    /** A share 0…1 as a whole percentage: 0.375 → "38%". */
    percent: { style: "percent", maximumFractionDigits: 0 },
    /** A commission share 0…0.5 with up to two decimals of a percent: 0.125 → "12.5%", 0.0705 → "7.05%". */
    commission: { style: "percent", maximumFractionDigits: 2 },
  },
} as const satisfies Formats;
