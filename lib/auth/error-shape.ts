import "server-only";
import { z } from "zod";
import { AppError, type ErrorBody, type FieldErrors, isAppError } from "../core/errors";
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

/** Any thrown value → an AppError; unknown errors are logged here, once, and shown as INTERNAL. */
export function normalizeError(err: unknown, where: string): AppError {
  if (isAppError(err)) return err;
  if (err instanceof z.ZodError) return validationError(err);
  console.error(`[${where}]`, err);
  return new AppError("INTERNAL", "internal error");
}

/** The JSON body (and action result) of an error, in the person's language; no stack traces. */
export function errorBody(err: AppError, locale: Locale): ErrorBody {
  const fields = err.fields
    ? Object.fromEntries(Object.entries(err.fields).map(([k, v]) => [k, v.map((m) => fieldMessage(m, locale))]))
    : undefined;
  return { error: { code: err.code, message: errorMessage(err.code, locale, err.params), fields, params: err.params } };
}
