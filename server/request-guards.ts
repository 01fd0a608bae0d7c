import type { IncomingMessage } from "node:http";

/** Server actions read at most this much (next.config's serverActions.bodySizeLimit). */
export const ACTION_BODY_LIMIT = 1024 * 1024;

export interface Refusal {
  status: 400 | 403 | 413;
  code: "VALIDATION" | "FORBIDDEN" | "PAYLOAD_TOO_LARGE";
  message: string;
}

const isAction = (req: IncomingMessage) => req.method === "POST" && typeof req.headers["next-action"] === "string";

/**
 * Requests Next would otherwise answer with a 500 ("our fault") although the client is at fault: a NUL byte in
 * the URL (PostgreSQL refuses it in text), and server actions posted cross-site or with a body over the limit
 * (Next aborts both with an internal error). Answered here, before Next, with a clear 4xx.
 */
export function refuse(req: IncomingMessage): Refusal | null {
  const url = req.url ?? "/";
  if (/%00|\0/i.test(url)) return { status: 400, code: "VALIDATION", message: "NUL byte in the URL" };
  if (!isAction(req)) return null;
  if (!sameOriginAction(req)) return { status: 403, code: "FORBIDDEN", message: "cross-site server action refused" };
  const length = Number(req.headers["content-length"] ?? 0);
  if (length > ACTION_BODY_LIMIT)
    return { status: 413, code: "PAYLOAD_TOO_LARGE", message: "server action body over 1 MB" };
  return null;
}

/** A browser sends Origin on every POST; a server action from another site (or a sandboxed "null") is refused. */
function sameOriginAction(req: IncomingMessage): boolean {
  const site = req.headers["sec-fetch-site"];
  if (site && site !== "same-origin" && site !== "none") return false;
  const origin = req.headers.origin;
  if (!origin) return site === "same-origin";
  const host = req.headers["x-forwarded-host"] ?? req.headers.host;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

/**
 * Counts the bytes of a request body as whoever reads it reads it (Readable emits "data" for every chunk,
 * in flowing and paused mode alike), so a chunked action body over the limit can be told apart afterwards.
 */
export function countBody(req: IncomingMessage): { bytes: () => number } {
  let bytes = 0;
  const emit = req.emit.bind(req);
  req.emit = ((event: string, ...args: unknown[]) => {
    if (event === "data") bytes += (args[0] as Buffer).length;
    return emit(event, ...args);
  }) as typeof req.emit;
  return { bytes: () => bytes };
}

export { isAction };
