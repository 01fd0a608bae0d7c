import "server-only";
import { z } from "zod";
import { AppError, type ErrorBody, type FieldErrors, isAppError } from "../core/errors";
import { markDatabaseUnavailable } from "../core/request-context";
import { isDatabaseUnavailable } from "../db";
import { errorMessage, fieldMessage } from "../i18n/messages";
import type { Locale } from "../i18n/locales";

/** Zod issues → { field: [message key…] }; unknown keys become "unknown_field" on that key. */
export function zodFields(error: z.ZodError): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const keys = issue.code === "unrecognized_keys" ? issue.keys : [issue.path.join(".") || "_"];
    const msg = issue.code === "unrecognized_keys" ? "unknown_field" : messageKey(issue);
    for (const k of keys) (fields[k] ??= []).push(msg);
  }
  return fields;
}

function messageKey(issue: z.core.$ZodIssue): string {
  if (/^[a-z_]+$/.test(issue.message)) return issue.message;
  if (issue.code === "too_big") return "too_long";
  if (issue.code === "invalid_type" && issue.input === undefined) return "required";
  return "invalid";
}

export function validationError(error: z.ZodError): AppError {
  return new AppError("VALIDATION", "invalid input", { fields: zodFields(error) });
}

/** Retry-After for a database outage: a restart or failover takes seconds. */
export const UNAVAILABLE_RETRY_SECONDS = 5;

/**
 * Any thrown value → an AppError; unknown errors are logged here, once, and shown as INTERNAL. A database that
 * cannot be reached is UNAVAILABLE (503, retry shortly), and the request is marked so the Node entry answers 503
 * even where the transport would not (a server action's result travels with status 200).
 */
export function normalizeError(err: unknown, where: string): AppError {
  if (isAppError(err)) {
    if (err.code === "UNAVAILABLE") markDatabaseUnavailable();
    return err;
  }
  if (err instanceof z.ZodError) return validationError(err);
  if (isDatabaseUnavailable(err)) {
    markDatabaseUnavailable();
    console.warn(`[${where}] database unavailable:`, (err as Error).message);
    return new AppError("UNAVAILABLE", "database unavailable", {
      retryAfterSeconds: UNAVAILABLE_RETRY_SECONDS,
      cause: err,
    });
  }
  // A NUL or an unencodable character reached PostgreSQL: the input was bad, not the server.
  const code =
    (err as { code?: string; cause?: { code?: string } })?.code ?? (err as { cause?: { code?: string } })?.cause?.code;
  if (code === "22021" || code === "22P05")
    return new AppError("VALIDATION", "invalid characters", { fields: { _: ["invalid_characters"] } });
  console.error(`[${where}]`, err);
  return new AppError("INTERNAL", "internal error");
}

/** The JSON body (and action result) of an error, in the person's language; no stack traces. */
export function errorBody(err: AppError, locale: Locale): ErrorBody {
  const fields = err.fields
    ? Object.fromEntries(Object.entries(err.fields).map(([k, v]) => [k, v.map((m) => fieldMessage(m, locale))]))
    : undefined;
  return {
    error: {
      code: err.code,
      message: errorMessage(err.code, locale, err.params, err.messageKey),
      fields,
      params: err.params,
    },
  };
}
