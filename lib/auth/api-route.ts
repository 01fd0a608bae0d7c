import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import type { ApiScope, Viewer } from "./contract";
import { viewerFromApiToken } from "./api-tokens";
import { assertCleanInput } from "./clean-input";
import { validationError } from "./error-shape";
import { errorResponse, readJson } from "./route";

/**
 * The streamer API's route wrapper: Bearer token with a scope (no cookies, so no CSRF check), the JSON body
 * merged with the path parameters (`params` names the input field each one fills, and wins over the body) and
 * parsed by the same contract schema the control room's action uses, then the same use case; errors as JSON
 * with a stable code.
 */
export function defineApiRoute<S extends z.ZodType, T>(
  spec: { scope: ApiScope; name: string; input?: S; params?: Record<string, string> },
  run: (ctx: { viewer: Viewer; input: z.output<S>; params: Record<string, string> }) => Promise<T>,
) {
  return async (req: NextRequest, context?: { params?: Promise<Record<string, string>> }) => {
    try {
      const viewer = await viewerFromApiToken(req.headers.get("authorization"), spec.scope);
      const params = (await context?.params) ?? {};
      const body = req.method === "GET" || req.method === "DELETE" ? {} : await readJson(req);
      assertCleanInput(body);
      const fields =
        body && typeof body === "object" && !Array.isArray(body) ? (body as Record<string, unknown>) : { _: body };
      const fromPath = Object.entries(spec.params ?? {}).map(([param, field]) => [field, params[param]]);
      const parsed = (spec.input ?? z.any()).safeParse({ ...fields, ...Object.fromEntries(fromPath) });
      if (!parsed.success) throw validationError(parsed.error);
      const out = await run({ viewer, input: parsed.data as z.output<S>, params });
      return NextResponse.json(out ?? { ok: true }, { headers: { "Cache-Control": "no-store" } });
    } catch (err) {
      return errorResponse(err, req, `api ${spec.name}`);
    }
  };
}
