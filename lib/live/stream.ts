import "server-only";
import { openFeed, type FeedSink } from "./event-feed";

export { STREAM_BUFFER_BYTES } from "./event-feed";

/**
 * A session's Server-Sent Events (lib/live/event-feed.ts) as a web ReadableStream, for the App Router's route
 * (`next dev` without the Node entry) and for tests; the Node entry sends the same feed straight into its
 * response (node-event-stream.ts). Null when the session does not exist. The reader pulls one chunk at a time and
 * what it has not taken is counted, so the feed's bound applies.
 */
export async function openEventStream(
  sessionId: string,
  lastEventIdRaw: string | null,
  signal: AbortSignal,
): Promise<ReadableStream<Uint8Array> | null> {
  const start = await openFeed(sessionId, lastEventIdRaw);
  if (!start) return null;

  let controller!: ReadableStreamDefaultController<Uint8Array>;
  // What the reader has not taken yet, and its size; `reading`: a read is waiting, the next chunk goes straight to it.
  const queue: Uint8Array[] = [];
  let queued = 0;
  let reading = false;
  let ended = false;
  let waiter: { below: number; resolve: () => void } | null = null;
  const wake = () => {
    if (waiter && (ended || queued < waiter.below)) {
      const w = waiter;
      waiter = null;
      w.resolve();
    }
  };
  const finish = () => {
    if (ended) return;
    ended = true;
    queue.length = 0;
    queued = 0;
    wake();
    try {
      controller.close();
    } catch {
      /* already closed or cancelled */
    }
  };
  const sink: FeedSink = {
    unread: () => queued,
    push(bytes) {
      if (ended) return;
      if (reading) {
        reading = false;
        controller.enqueue(bytes);
        return;
      }
      queue.push(bytes);
      queued += bytes.byteLength;
    },
    room: (below) =>
      ended || queued < below ? Promise.resolve() : new Promise<void>((resolve) => (waiter = { below, resolve })),
    end: finish,
  };
  let feed: { close(): void } | null = null;
  const close = () => {
    feed?.close();
    finish();
  };

  return new ReadableStream<Uint8Array>(
    {
      start(c) {
        controller = c;
        if (signal.aborted) return finish();
        signal.addEventListener("abort", close, { once: true });
        feed = start(sink);
      },
      pull() {
        const chunk = queue.shift();
        if (!chunk) {
          reading = true;
          return;
        }
        queued -= chunk.byteLength;
        controller.enqueue(chunk);
        wake();
      },
      cancel() {
        close();
      },
    },
    // Nothing is queued inside the stream itself: the reader pulls from `queue`, which is counted.
    { highWaterMark: 0 },
  );
}
