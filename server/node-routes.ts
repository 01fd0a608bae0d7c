import type { IncomingMessage, ServerResponse } from "node:http";
import { AppError } from "../lib/core/errors";
import type { LiteRequest, LiteResponse } from "../lib/core/lite-http";
import type { JsonNodeRoute, NodeRoute } from "../lib/system/node-routes";
import { baseSecurityHeaders } from "../lib/security-headers";

/**
 * The route of the table this request is for, with its path parameters (null when one is not a valid escape);
 * null for everything Next serves.
 */
export function matchRoute(
  routes: readonly NodeRoute[],
  req: IncomingMessage,
): { route: NodeRoute; params: Record<string, string> | null } | null {
  const path = (req.url ?? "/").split("?")[0]!;
  for (const route of routes) {
    if (route.method !== req.method) continue;
    const m = route.path.exec(path);
    if (!m) continue;
    try {
      return {
        route,
        params: Object.fromEntries(route.params.map((name, i) => [name, decodeURIComponent(m[i + 1]!)])),
      };
    } catch {
      return { route, params: null };
    }
  }
  return null;
}

/** Answers a request with a route of the table: the same headers every response of the app gets, JSON, no-store. */
export async function serveRoute(
  route: NodeRoute,
  params: Record<string, string> | null,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (!("stream" in route)) return serveJson(route, params, req, res);
  try {
    await route.stream(req, res, params);
  } catch (err) {
    console.error("[node-route]", err);
    if (!res.headersSent) {
      res.writeHead(500, { "content-type": "application/json", "cache-control": "no-store" });
      res.end(JSON.stringify({ error: { code: "INTERNAL", message: "internal error" } }));
    } else res.destroy();
  }
}

async function serveJson(
  route: JsonNodeRoute,
  params: Record<string, string> | null,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers))
    if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(", ") : v);
  let bodyRead = false;
  const lite: LiteRequest = {
    method: req.method ?? "GET",
    headers,
    text: async (max) => {
      const text = await readBody(req, max);
      bodyRead = true;
      return text;
    },
  };
  let out: LiteResponse;
  try {
    out = params
      ? await route.handle(lite, params)
      : { status: 400, json: { error: { code: "VALIDATION", message: "malformed escape in the path" } } };
  } catch (err) {
    console.error("[node-route]", err);
    out = { status: 500, json: { error: { code: "INTERNAL", message: "internal error" } } };
  }
  for (const h of baseSecurityHeaders) res.setHeader(h.key, h.value);
  res.setHeader("cache-control", "no-store");
  for (const [k, v] of Object.entries(out.headers ?? {})) res.setHeader(k, v);
  // A body left unread (refused before reading it, or over the limit) is not worth reading: close after answering.
  const hasBody = Number(req.headers["content-length"] ?? 0) > 0 || req.headers["transfer-encoding"] !== undefined;
  if (hasBody && !bodyRead) res.setHeader("connection", "close");
  if (out.json === undefined) {
    res.writeHead(out.status);
    res.end();
  } else {
    const body = JSON.stringify(out.json);
    res.writeHead(out.status, { "content-type": "application/json", "content-length": Buffer.byteLength(body) });
    res.end(body);
  }
  req.resume();
}

function readBody(req: IncomingMessage, maxBytes: number): Promise<string> {
  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > maxBytes)
    return Promise.reject(new AppError("PAYLOAD_TOO_LARGE", `body of ${declared} bytes is over ${maxBytes}`));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const onData = (chunk: Buffer) => {
      total += chunk.length;
      if (total > maxBytes) {
        req.off("data", onData);
        req.off("end", onEnd);
        reject(new AppError("PAYLOAD_TOO_LARGE", `body over ${maxBytes} bytes`));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => resolve(Buffer.concat(chunks).toString("utf8"));
    req.on("data", onData);
    req.on("end", onEnd);
    req.on("error", reject);
  });
}
