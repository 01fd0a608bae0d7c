import zh from "../../messages/zh-CN.json";
import en from "../../messages/en.json";
import type { ErrorCode } from "../core/errors";
import type { Locale } from "./locales";

export const catalogs = { "zh-CN": zh, en } as const;

function fill(template: string, params?: Record<string, string | number>): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

/** The user-facing text of an error code, for transports that answer without React (JSON routes, actions). */
export function errorMessage(code: ErrorCode, locale: Locale, params?: Record<string, string | number>): string {
  const table = catalogs[locale].errors as Record<string, string>;
  return fill(table[code] ?? table.INTERNAL!, params);
}

/** The text of a field error key such as "too_long", falling back to the key. */
export function fieldMessage(key: string, locale: Locale): string {
  const table = catalogs[locale].fieldErrors as Record<string, string>;
  return table[key] ?? key;
}
