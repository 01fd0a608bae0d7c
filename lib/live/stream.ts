import "server-only";
import { eq } from "drizzle-orm";
import { now } from "../core/clock";
import { getDb, schema as s } from "../db";
import type { LiveEventDto } from "./contract";
import { subscribe } from "./broadcaster";
import { eventRange, eventsAfter } from "./events";
import { startPresenceReporter } from "./presence";
import { buildSnapshot } from "./snapshot";

const HEARTBEAT_MS = 15_000;
/** A viewer who missed more than this gets a fresh snapshot instead of a long replay. */
const MAX_REPLAY = 1_000;
const PAGE = 500;
/**
 * The most a viewer may leave unread: one that stops reading (a dead phone, a stalled proxy) is disconnected
 * past it rather than kept in memory, and since every frame carries its id, its EventSource comes back with
 * Last-Event-ID and misses nothing.
 */
export const STREAM_BUFFER_BYTES = 256 * 1024;
/** A replay writes only while the viewer has less than this unread: it goes at the reader's pace, never past the bound. */
const REPLAY_ROOM_BYTES = STREAM_BUFFER_BYTES / 2;

const frame = (id: number, event: string, data: unknown) =>
  `id: ${id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

const encoder = new TextEncoder();
/**
 * An event's frame, serialized and encoded once however many of this process's streams send it: the broadcaster
 * hands every subscriber the same event object, so with thousands of viewers this is one JSON.stringify and one
 * encode per event instead of one per viewer. (The streams only read the bytes.)
 */
const encodedFrames = new WeakMap<LiveEventDto, Uint8Array>();
function encodedFrame(e: LiveEventDto): Uint8Array {
  let bytes = encodedFrames.get(e);
  if (!bytes) encodedFrames.set(e, (bytes = encoder.encode(frame(e.id, e.type, e.payload))));
  return bytes;
}

/**
 * A session's Server-Sent Events: a snapshot on connect (or, with a usable Last-Event-ID, exactly the events
 * missed, in order), then every new event with its id, and a heartbeat. It holds no database connection
 * while idle, and everything is released when the client goes away. It is a plain web ReadableStream (no
 * Next.js in it), so any HTTP server that honours backpressure can send it.
 *
 * - Catching up: it subscribes first, then reads the log; live events that arrive meanwhile are held back
 *   and sent after the log, anything already sent (id <= lastSent) is dropped. The same happens when the
 *   broadcaster's LISTEN connection comes back (notifications sent while it was down are lost): live events
 *   are held while the log is re-read, so a live event can never move lastSent past events the re-read has
 *   not sent yet. (This relies on a session's events committing in id order; see appendEvent.)
 * - Bounded: the reader pulls one chunk at a time and what it has not taken is counted. A catch-up writes
 *   only while there is room (a long replay goes at the reader's pace); a viewer with STREAM_BUFFER_BYTES
 *   unread when more arrives is disconnected (once, with a warning): its queue is dropped, the stream ends,
 *   and it resumes from the last id it received. Other viewers are not held up.
 */
export async function openEventStream(
  sessionId: string,
  lastEventIdRaw: string | null,
  signal: AbortSignal,
): Promise<ReadableStream<Uint8Array> | null> {
  const db = await getDb();
  const [session] = await db
    .select({ status: s.liveSessions.status })
    .from(s.liveSessions)
    .where(eq(s.liveSessions.id, sessionId));
  if (!session || session.status === "cancelled") return null;
  startPresenceReporter();

  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let closed = false;
  // What the reader has not taken yet, and its size; `reading`: a read is waiting, the next chunk goes straight to it.
  const queue: Uint8Array[] = [];
  let queued = 0;
  let reading = false;
  let onRoom: (() => void) | null = null;
  let lastSent = 0;
  // While catching up, live events wait in `buffered`; `again`: a resync asked for one more pass over the log.
  let catchingUp = true;
  let again = false;
  const buffered: LiveEventDto[] = [];
  let bufferedBytes = 0;
  let unsubscribe = () => {};
  let heartbeat: ReturnType<typeof setInterval> | undefined;

  const close = () => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    unsubscribe();
    queue.length = 0;
    buffered.length = 0;
    queued = bufferedBytes = 0;
    onRoom?.();
    onRoom = null;
    try {
      controller.close();
    } catch {
      /* already closed or cancelled */
    }
  };
  const overflow = () => {
    console.warn(
      `[live] a viewer of ${sessionId} fell behind (${Math.round((queued + bufferedBytes) / 1024)} KB unread, bound ${STREAM_BUFFER_BYTES / 1024} KB): disconnected, it resumes with Last-Event-ID`,
    );
    close();
  };
  const write = (chunk: string | Uint8Array) => {
    if (closed) return;
    const bytes = typeof chunk === "string" ? encoder.encode(chunk) : chunk;
    if (reading) {
      reading = false;
      controller.enqueue(bytes);
      return;
    }
    if (queued + bufferedBytes >= STREAM_BUFFER_BYTES) return overflow();
    queue.push(bytes);
    queued += bytes.byteLength;
  };
  const send = (e: LiveEventDto) => {
    if (e.id <= lastSent) return;
    write(encodedFrame(e));
    lastSent = e.id;
  };
  const live = (e: LiveEventDto) => {
    if (closed || e.id <= lastSent) return;
    if (!catchingUp) return send(e);
    if (queued + bufferedBytes >= STREAM_BUFFER_BYTES) return overflow();
    buffered.push(e);
    bufferedBytes += encodedFrame(e).byteLength;
  };
  /** Sends the log after lastSent, at the reader's pace, until a read finds it all sent and no resync is pending. */
  const catchUp = async () => {
    for (;;) {
      again = false;
      const page = await eventsAfter(await getDb(), sessionId, lastSent, PAGE);
      for (const e of page) {
        if (queued >= REPLAY_ROOM_BYTES) await new Promise<void>((r) => (onRoom = r));
        if (closed) return;
        send(e);
      }
      // A short page saw every committed event; later ones were notified and are in `buffered`.
      if (closed || (page.length < PAGE && !again)) return;
    }
  };
  const goLive = () => {
    catchingUp = false;
    const held = buffered.splice(0).sort((a, b) => a.id - b.id);
    bufferedBytes = 0;
    held.forEach(send);
  };
  const fail = (err: unknown) => {
    console.warn(`[live] event stream of ${sessionId} failed:`, (err as Error).message);
    close();
  };
  /** The LISTEN connection came back: re-read the log, holding live events meanwhile (or once more, if already reading). */
  const resync = () => {
    if (closed) return;
    if (catchingUp) {
      again = true;
      return;
    }
    catchingUp = true;
    catchUp().then(goLive, fail);
  };

  const run = async () => {
    const off = await subscribe(sessionId, live, resync);
    if (closed) return off();
    unsubscribe = off;
    heartbeat = setInterval(() => write(": ping\n\n"), HEARTBEAT_MS);
    write("retry: 2000\n\n");
    // The event range is read only for a resume: a first connect (most of a connect storm) needs just the snapshot.
    const asked = lastEventIdRaw === null || lastEventIdRaw === "" ? NaN : Number(lastEventIdRaw);
    let resumable = false;
    if (Number.isSafeInteger(asked)) {
      const { first, last } = await eventRange(await getDb(), sessionId);
      resumable = asked >= first - 1 && asked <= last && last - asked <= MAX_REPLAY && first > 0;
    }
    if (resumable) {
      lastSent = asked;
      await catchUp();
    } else {
      const snapshot = await buildSnapshot(sessionId, now());
      if (snapshot) {
        write(frame(snapshot.lastEventId, "snapshot", snapshot));
        lastSent = Math.max(lastSent, snapshot.lastEventId);
      }
      if (again) await catchUp();
    }
    goLive();
  };

  return new ReadableStream<Uint8Array>(
    {
      start(c) {
        controller = c;
        if (signal.aborted) return close();
        signal.addEventListener("abort", close, { once: true });
        run().catch(fail);
      },
      pull() {
        const chunk = queue.shift();
        if (!chunk) {
          reading = true;
          return;
        }
        queued -= chunk.byteLength;
        controller.enqueue(chunk);
        if (onRoom && queued < REPLAY_ROOM_BYTES) {
          const r = onRoom;
          onRoom = null;
          r();
        }
      },
      cancel() {
        close();
      },
    },
    // Nothing is queued inside the stream itself: the reader pulls from `queue`, which is counted.
    { highWaterMark: 0 },
  );
}
