import "server-only";
import { headers } from "next/headers";
import { type z } from "zod";
import { requestLocale } from "../i18n/server";
import type { ActionResult, Viewer, Workspace } from "./contract";
export type { ActionResult };
import { assertViewer, assertWorkspace } from "./access";
import { errorBody, normalizeError, validationError } from "./error-shape";
import { assertCleanInput } from "./clean-input";
import { assertSameOrigin } from "./same-origin";
import { getViewer } from "./viewer";

export type Access = "public" | "user" | Workspace;

/** FormData → plain object; Next's own `$ACTION…` fields are dropped, repeated keys become arrays. */
export function formToObject(form: FormData): Record<string, unknown> {
  // No prototype: a field named "__proto__" stays a key (and is refused by assertCleanInput) instead of vanishing.
  const out: Record<string, unknown> = Object.create(null);
  for (const [k, v] of form.entries()) {
    if (k.startsWith("$ACTION")) continue;
    if (k in out) out[k] = ([] as unknown[]).concat(out[k], v);
    else out[k] = v;
  }
  return { ...out }; // a plain object again; spreading keeps an own "__proto__" key as data
}

/**
 * The one way to write a server action: check the caller's origin and access, parse the input with zod,
 * run the use case, and turn any error into one result shape. Usable directly (`act(input)`) and with
 * useActionState (`act(prevState, formData)`).
 */
export function defineAction<S extends z.ZodType, T>(
  spec: { input: S; access: Access; name: string },
  run: (input: z.output<S>, ctx: { viewer: Viewer | null }) => Promise<T>,
) {
  return async (a: unknown, b?: unknown): Promise<ActionResult<T>> => {
    const payload = b === undefined ? a : b;
    try {
      assertSameOrigin(await headers());
      const viewer = await getViewer();
      if (spec.access === "user") assertViewer(viewer);
      else if (spec.access !== "public") assertWorkspace(viewer, spec.access);
      const raw = payload instanceof FormData ? formToObject(payload) : payload;
      assertCleanInput(raw);
      const parsed = spec.input.safeParse(raw);
      if (!parsed.success) throw validationError(parsed.error);
      return { ok: true, data: await run(parsed.data, { viewer }) };
    } catch (err) {
      if (isNextControlFlow(err)) throw err;
      const appErr = normalizeError(err, `action ${spec.name}`);
      const body = errorBody(appErr, await requestLocale());
      return { ok: false, code: body.error.code, message: body.error.message, fields: body.error.fields };
    }
  };
}

/** redirect() and notFound() throw special errors that Next must see. */
export function isNextControlFlow(err: unknown): boolean {
  const digest = (err as { digest?: unknown } | null)?.digest;
  return (
    typeof digest === "string" &&
    (digest.startsWith("NEXT_REDIRECT") || digest.startsWith("NEXT_HTTP_ERROR_FALLBACK") || digest === "NEXT_NOT_FOUND")
  );
}
