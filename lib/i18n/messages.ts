import fs from "node:fs";
import path from "node:path";
import type { ErrorCode } from "../core/errors";
import { formatDay } from "./format-day";
import { locales, type Locale } from "./locales";

/**
 * The catalogs: one JSON file per namespace per locale (messages/<locale>/<namespace>.json), so each
 * area owns its own file. Read once per process.
 */
type Catalog = Record<string, Record<string, unknown>>;
let cache: Record<Locale, Catalog> | null = null;

function load(locale: Locale): Catalog {
  const dir = path.join(/*turbopackIgnore: true*/ process.cwd(), "messages", locale);
  const out: Catalog = {};
  for (const file of fs.readdirSync(dir).sort()) {
    if (file.endsWith(".json")) out[file.slice(0, -5)] = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8"));
  }
  return out;
}

export function catalogs(): Record<Locale, Catalog> {
  cache ??= Object.fromEntries(locales.map((l) => [l, load(l)])) as Record<Locale, Catalog>;
  return cache;
}

function fill(template: string, params?: Record<string, string | number>): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

/**
 * The user-facing text of an error code, for transports that answer without React (JSON routes, actions). A `day`
 * param (YYYY-MM-DD) is shown as the reader's date ("12月3日(周四)").
 */
export function errorMessage(code: ErrorCode, locale: Locale, params?: Record<string, string | number>): string {
  const table = catalogs()[locale].errors as Record<string, string>;
  const shown =
    params && typeof params.day === "string" && /^\d{4}-\d{2}-\d{2}$/.test(params.day)
      ? { ...params, day: formatDay(params.day, locale) }
      : params;
  return fill(table[code] ?? table.INTERNAL!, shown);
}

/** The text of a field error key such as "too_long", falling back to the key. */
export function fieldMessage(key: string, locale: Locale): string {
  const table = catalogs()[locale].fieldErrors as Record<string, string>;
  return table[key] ?? key;
}

/**
 * The namespaces client components read (useTranslations in "use client" files). Only these travel to the
 * browser with every page; `npm run lint` checks the list is complete.
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
] as const;

const clientCache = new Map<Locale, Catalog>();

export function clientMessages(locale: Locale): Catalog {
  let m = clientCache.get(locale);
  if (!m) {
    const all = catalogs()[locale];
    m = Object.fromEntries(CLIENT_NAMESPACES.filter((n) => n in all).map((n) => [n, all[n]!]));
    clientCache.set(locale, m);
  }
  return m;
}
