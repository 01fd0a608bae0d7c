import { AppError } from "./errors";

/**
 * A request as the few hot routes see it that the Node entry (server.ts) answers itself, before Next: a drop
 * purchase, the session check. The same handler also runs as an ordinary Next route handler (nextRoute), so the
 * route exists, and behaves the same, however the app is started.
 */
export interface LiteRequest {
  method: string;
  headers: Headers;
  /** The body as text, refusing (PAYLOAD_TOO_LARGE) one over `maxBytes` without reading past the limit. */
  text(maxBytes: number): Promise<string>;
}

export interface LiteResponse {
  status: number;
  headers?: Record<string, string>;
  /** JSON to send, or nothing (204). */
  json?: unknown;
}

export type LiteHandler = (req: LiteRequest, params: Record<string, string>) => Promise<LiteResponse>;

/**
 * Reads a web body as text with a limit: a declared Content-Length is judged first, a chunked body as it streams.
 */
export async function readTextLimited(req: Request, maxBytes: number): Promise<string> {
  const declared = Number(req.headers.get("content-length") ?? 0);
  if (declared > maxBytes) throw new AppError("PAYLOAD_TOO_LARGE", `body of ${declared} bytes is over ${maxBytes}`);
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      throw new AppError("PAYLOAD_TOO_LARGE", `body over ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** The same handler as a Next route handler (`export const POST = nextRoute(handler)`). */
export function nextRoute(handler: LiteHandler) {
  return async (req: Request, context?: { params?: Promise<Record<string, string>> }): Promise<Response> => {
    const res = await handler(
      { method: req.method, headers: req.headers, text: (max) => readTextLimited(req, max) },
      (await context?.params) ?? {},
    );
    return liteResponse(res);
  };
}

export function liteResponse(res: LiteResponse): Response {
  const headers = new Headers({ "cache-control": "no-store", ...res.headers });
  if (res.json === undefined) return new Response(null, { status: res.status, headers });
  headers.set("content-type", "application/json");
  return new Response(JSON.stringify(res.json), { status: res.status, headers });
}
