import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import { baseSecurityHeaders } from "../security-headers";
import { openFeed, type FeedSink } from "./event-feed";

/** Session ids as the app makes them (`live_` + 16 base-36) and the demo's; anything else is not looked up. */
export const STREAMABLE_SESSION_ID = /^live_[0-9a-z]{16}$|^live_demo_[a-z0-9_]+$/;

export const EVENT_STREAM_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  // no-transform: a server or proxy that would compress the stream would also hold frames back.
  "cache-control": "private, no-cache, no-store, no-transform",
  "x-accel-buffering": "no",
  connection: "keep-alive",
} as const;

/**
 * GET /api/live/<id>/events answered by the Node entry with plain `node:http`: the feed's bytes go straight into
 * the response (the same buffer for every viewer of an event), no web streams, no per-response Next machinery.
 * What the viewer has not taken is the response's own write buffer (`writableLength`); past the feed's bound the
 * socket is destroyed and the EventSource resumes with Last-Event-ID.
 */
export async function serveEventStream(
  req: IncomingMessage,
  res: ServerResponse,
  params: Record<string, string> | null,
): Promise<void> {
  for (const h of baseSecurityHeaders) res.setHeader(h.key, h.value);
  const id = params?.id ?? "";
  const notFound = () => {
    res.writeHead(404, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" });
    res.end("Not found");
  };
  if (!STREAMABLE_SESSION_ID.test(id)) return notFound();
  const header = req.headers["last-event-id"];
  const lastEventId =
    (Array.isArray(header) ? header[0] : header) ??
    new URL(req.url ?? "/", "http://localhost").searchParams.get("lastEventId");
  const start = await openFeed(id, lastEventId);
  if (!start) return notFound();
  if (res.destroyed) return;

  res.writeHead(200, EVENT_STREAM_HEADERS);
  res.flushHeaders();
  req.socket.setNoDelay(true);
  let waiting: (() => void) | null = null;
  const sink: FeedSink = {
    unread: () => res.writableLength,
    push: (bytes) => void res.write(bytes),
    room: (below) =>
      res.writableLength < below || res.destroyed
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            waiting = resolve;
            res.once("drain", resolve);
          }),
    end: (reason) => (reason === "overflow" ? res.destroy() : res.end()),
  };
  const feed = start(sink);
  res.once("close", () => {
    feed.close();
    waiting?.();
  });
}
