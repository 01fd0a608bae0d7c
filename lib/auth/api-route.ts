import "server-only";
import { NextResponse, type NextRequest } from "next/server";
import type { ApiScope, Viewer } from "./contract";
import { viewerFromApiToken } from "./api-tokens";
import { assertCleanInput } from "./clean-input";
import { errorResponse, readJson } from "./route";

/**
 * The streamer API's route wrapper: Bearer token with a scope (no cookies, so no CSRF check), the JSON body
 * merged with the path parameters and handed to the same use case the control room calls, and errors as JSON
 * with a stable code.
 */
export function defineApiRoute<T>(
  spec: { scope: ApiScope; name: string },
  run: (ctx: { viewer: Viewer; input: Record<string, unknown>; params: Record<string, string> }) => Promise<T>,
) {
  return async (req: NextRequest, context?: { params?: Promise<Record<string, string>> }) => {
    try {
      const viewer = await viewerFromApiToken(req.headers.get("authorization"), spec.scope);
      const params = (await context?.params) ?? {};
      const body = req.method === "GET" || req.method === "DELETE" ? {} : await readJson(req);
      assertCleanInput(body);
      const input =
        body && typeof body === "object" && !Array.isArray(body) ? (body as Record<string, unknown>) : { _: body };
      const out = await run({ viewer, input, params });
      return NextResponse.json(out ?? { ok: true }, { headers: { "Cache-Control": "no-store" } });
    } catch (err) {
      return errorResponse(err, req, `api ${spec.name}`);
    }
  };
}
