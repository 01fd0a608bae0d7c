import type { IncomingMessage, ServerResponse } from "node:http";
import { databaseRecentlyUnavailable, requestMetOutage } from "../lib/core/request-context";
import { ACTION_BODY_LIMIT, isAction } from "./request-guards";

export const RETRY_AFTER_SECONDS = 5;

/**
 * Rewrites the status line before it is sent: a request that met a database outage answers 503 with
 * Retry-After (a page, an action or an API route alike) instead of Next's 500 or an action's 200; an action whose
 * streamed body passed the limit answers 413. Node writes every status through writeHead, explicit or implicit.
 */
export function patchStatus(req: IncomingMessage, res: ServerResponse, bodyBytes: () => number): void {
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
  res.writeHead = ((status: number, ...rest: unknown[]) => {
    let code = status;
    if (status >= 500 && isAction(req) && bodyBytes() > ACTION_BODY_LIMIT) code = 413;
    // An action's error result travels with status 200: only this request's own mark turns it into a 503. A 500
    // moments after an outage was noticed anywhere is taken to be the outage too.
    else if (
      (status === 200 && isAction(req) && requestMetOutage()) ||
      (status >= 500 && (requestMetOutage() || databaseRecentlyUnavailable()))
    ) {
      code = 503;
      if (!res.headersSent) {
        res.setHeader("Retry-After", String(RETRY_AFTER_SECONDS));
        res.setHeader("Cache-Control", "no-store");
      }
    }
    if (code !== status) res.statusMessage = "";
    return writeHead(code, ...rest);
  }) as typeof res.writeHead;
}
