import fs from "node:fs";
import path from "node:path";
import { createTranslator, IntlErrorCode, type IntlError, type Messages } from "next-intl";
import type { ErrorCode } from "../core/errors";
import { formatDay } from "./format-day";
import { formats, TIME_ZONE } from "./formats";
import { lookup } from "./lookup";
import { locales, type Locale } from "./locales";

/**
 * The catalogs: one JSON file per namespace per locale (messages/<locale>/<namespace>.json), so each
 * area owns its own file. Read once per process. Their shape is `Messages` (i18n/app-config.ts).
 */
let cache: Record<Locale, Messages> | null = null;

function load(locale: Locale): Messages {
  const dir = path.join(/*turbopackIgnore: true*/ process.cwd(), "messages", locale);
  const out: Record<string, unknown> = {};
  for (const file of fs.readdirSync(dir).sort()) {
    if (file.endsWith(".json")) out[file.slice(0, -5)] = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8"));
  }
  return out as Messages;
}

export function catalogs(): Record<Locale, Messages> {
  cache ??= Object.fromEntries(locales.map((l) => [l, load(l)])) as Record<Locale, Messages>;
  return cache;
}

/** The template at `namespace.key` as written in the catalog, or undefined. */
function rawMessage(locale: Locale, namespace: string | undefined, key: string): string | undefined {
  let at: unknown = catalogs()[locale];
  for (const part of [...(namespace ? namespace.split(".") : []), ...key.split(".")]) {
    at = typeof at === "object" && at !== null ? (at as Record<string, unknown>)[part] : undefined;
  }
  return typeof at === "string" ? at : undefined;
}

type Namespace = keyof Messages;
const translators = new Map<string, unknown>();

/**
 * A translator for text that leaves without React — JSON error answers, action results, e-mails — configured as
 * i18n/request.ts configures the pages' (ICU messages, the named formats, Asia/Shanghai), so `{count, plural, …}`
 * and `{rate, number, percent}` work here too. A message whose params are missing shows its template rather than
 * its key (the reader sees "库存不足:{name} …", the log says why).
 */
export function translator<N extends Namespace>(locale: Locale, namespace: N) {
  const id = `${locale}:${namespace}`;
  let t = translators.get(id) as ReturnType<typeof make<N>> | undefined;
  if (!t) {
    t = make(locale, namespace);
    translators.set(id, t);
  }
  return t;
}

function make<N extends Namespace>(locale: Locale, namespace: N) {
  return createTranslator({
    locale,
    messages: catalogs()[locale],
    namespace,
    formats,
    timeZone: TIME_ZONE,
    onError: (error: IntlError) => console.warn(`[i18n] ${locale} ${namespace}: ${error.message}`),
    getMessageFallback: ({ error, key, namespace: ns }) =>
      (error.code === IntlErrorCode.FORMATTING_ERROR ? rawMessage(locale, ns, key) : undefined) ??
      [ns, key].filter(Boolean).join("."),
  });
}

/**
 * The user-facing text of an error code, for transports that answer without React (JSON routes, actions). A `day`
 * param (YYYY-MM-DD) is shown as the reader's date ("12月3日(周四)").
 */
export function errorMessage(
  code: ErrorCode,
  locale: Locale,
  params?: Record<string, string | number>,
  messageKey?: string,
): string {
  const t = translator(locale, "errors");
  const shown =
    params && typeof params.day === "string" && /^\d{4}-\d{2}-\d{2}$/.test(params.day)
      ? { ...params, day: formatDay(params.day, locale) }
      : params;
  if (messageKey && t.has(messageKey as ErrorCode)) return t(messageKey as ErrorCode, shown);
  return t.has(code) ? t(code, shown) : t("INTERNAL");
}

/** The text of a field error key such as "too_long", falling back to the key. */
export function fieldMessage(key: string, locale: Locale): string {
  return lookup(translator(locale, "fieldErrors"), key);
}

/**
 * The namespaces client components read (useTranslations in "use client" files). Only these travel to the
 * browser with every page; the ESLint rule house/client-namespaces (eslint/plugin.mjs) reads this list from this
 * file and refuses a client component that reads another namespace.
 */
export const CLIENT_NAMESPACES = [
  "common",
  "auth",
  "cart",
  "categories",
  "certifications",
  "checkout",
  "coopCatalog",
  "errorPage",
  "productPage",
  "stationsPage",
  "groupBuys",
  "stationConsole",
  "coopCampaigns",
  "adminStations",
  "live",
  "streamer",
  "teams",
  "coopTeamDeals",
  "coopTeam",
  "accountRecovery",
  "apply",
  "adminReview",
  "agreements",
] as const satisfies readonly Namespace[];

const clientCache = new Map<Locale, Partial<Messages>>();

export function clientMessages(locale: Locale): Partial<Messages> {
  let m = clientCache.get(locale);
  if (!m) {
    const all = catalogs()[locale];
    m = Object.fromEntries(CLIENT_NAMESPACES.map((n) => [n, all[n]]));
    clientCache.set(locale, m);
  }
  return m;
}
