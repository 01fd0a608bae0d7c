import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { AppError } from "../core/errors";
import { readTextLimited } from "../core/lite-http";
import { pickLocale, LOCALE_COOKIE } from "../i18n/locales";
import type { Viewer, Workspace } from "./contract";
import { assertViewer, assertWorkspace } from "./access";
import { errorBody, normalizeError, validationError } from "./error-shape";
import { assertCleanInput } from "./clean-input";
import { assertSameOrigin } from "./same-origin";
import { getViewer } from "./viewer";

const MAX_JSON_BYTES = 64 * 1024;

export interface RouteContext<I> {
  req: NextRequest;
  input: I;
  viewer: Viewer | null;
  params: Record<string, string>;
}

/** Maps an error to a JSON response in the caller's language. */
export function errorResponse(err: unknown, req: Request, where: string): NextResponse {
  const appErr = normalizeError(err, where);
  const cookie = req.headers.get("cookie")?.match(new RegExp(`${LOCALE_COOKIE}=([^;]+)`))?.[1];
  const locale = pickLocale(cookie, req.headers.get("accept-language"));
  const res = NextResponse.json(errorBody(appErr, locale), { status: appErr.status });
  if (appErr.retryAfterSeconds) res.headers.set("Retry-After", String(appErr.retryAfterSeconds));
  return res;
}

export { readTextLimited };

export async function readJson(req: Request, maxBytes = MAX_JSON_BYTES): Promise<unknown> {
  const text = await readTextLimited(req, maxBytes);
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("VALIDATION", "body is not JSON", { fields: { _: ["invalid"] } });
  }
}

/**
 * The one way to write a JSON route handler: origin check for state changes (unless the route is a
 * signed hook), access check, zod input from the body (or query for GET), one error shape.
 */
export function defineRoute<S extends z.ZodType, T>(
  spec: { input?: S; access: "public" | "user" | Workspace; name: string; crossSite?: boolean },
  run: (ctx: RouteContext<z.output<S>>) => Promise<T | Response>,
) {
  return async (req: NextRequest, context?: { params?: Promise<Record<string, string>> }) => {
    try {
      const mutating = req.method !== "GET" && req.method !== "HEAD";
      if (mutating && !spec.crossSite) assertSameOrigin(req.headers);
      const viewer = await getViewer();
      if (spec.access === "user") assertViewer(viewer);
      else if (spec.access !== "public") assertWorkspace(viewer, spec.access);
      const raw = mutating ? await readJson(req) : Object.fromEntries(req.nextUrl.searchParams);
      assertCleanInput(raw);
      const parsed = (spec.input ?? z.any()).safeParse(raw);
      if (!parsed.success) throw validationError(parsed.error);
      const params = (await context?.params) ?? {};
      const out = await run({ req, input: parsed.data as z.output<S>, viewer, params });
      return out instanceof Response ? out : NextResponse.json(out);
    } catch (err) {
      return errorResponse(err, req, `route ${spec.name}`);
    }
  };
}
