import "server-only";
import { z } from "zod";
import { AppError } from "../core/errors";
import type { LiteHandler, LiteResponse } from "../core/lite-http";
import { LOCALE_COOKIE, pickLocale } from "../i18n/locales";
import { assertViewer } from "./access";
import { assertCleanInput } from "./clean-input";
import type { Viewer } from "./contract";
import { viewerFromHeaders } from "./cookie-viewer";
import { errorBody, normalizeError, validationError } from "./error-shape";
import { assertSameOrigin } from "./same-origin";

/** A purchase or a check is a few fields: anything bigger is refused unread. */
const MAX_BODY_BYTES = 4 * 1024;

/**
 * defineRoute's rules for a route the Node entry answers itself (lib/core/lite-http): the origin check on a state
 * change, the session from the cookie (checked against its row), access, a JSON body of at most 4 KB validated by
 * zod, and the one error shape in the caller's language — never a 500 for the caller's mistake.
 */
export function defineLiteRoute<S extends z.ZodType, T>(
  spec: { name: string; access: "public" | "user"; input?: S },
  run: (ctx: { input: z.output<S>; viewer: Viewer | null; params: Record<string, string> }) => Promise<T>,
): LiteHandler {
  return async (req, params) => {
    try {
      const mutating = req.method !== "GET" && req.method !== "HEAD";
      if (mutating) assertSameOrigin(req.headers);
      const viewer = await viewerFromHeaders(req.headers);
      if (spec.access === "user") assertViewer(viewer);
      let raw: unknown = {};
      if (mutating) {
        const type = req.headers.get("content-type") ?? "";
        if (!/^application\/json\s*(;|$)/i.test(type))
          throw new AppError("VALIDATION", "the body must be JSON", { fields: { _: ["invalid"] } });
        const text = await req.text(MAX_BODY_BYTES);
        try {
          raw = text ? JSON.parse(text) : {};
        } catch {
          throw new AppError("VALIDATION", "body is not JSON", { fields: { _: ["invalid"] } });
        }
      }
      assertCleanInput(raw);
      const parsed = (spec.input ?? z.any()).safeParse(raw);
      if (!parsed.success) throw validationError(parsed.error);
      const out = await run({ input: parsed.data as z.output<S>, viewer, params });
      return { status: 200, json: out } satisfies LiteResponse;
    } catch (err) {
      const appErr = normalizeError(err, `route ${spec.name}`);
      const cookie = req.headers.get("cookie")?.match(new RegExp(`${LOCALE_COOKIE}=([^;]+)`))?.[1];
      const locale = pickLocale(cookie, req.headers.get("accept-language"));
      return {
        status: appErr.status,
        json: errorBody(appErr, locale),
        headers: appErr.retryAfterSeconds ? { "retry-after": String(appErr.retryAfterSeconds) } : undefined,
      };
    }
  };
}
