import "server-only";
import { eq } from "drizzle-orm";
import { LRUCache } from "lru-cache";
import { getDb, schema as s } from "../db";
import type { LiveEventDto } from "./contract";
import { subscribe } from "./broadcaster";
import { eventRange, eventsAfter } from "./events";
import { startPresenceReporter } from "./presence";
import { sharedSnapshot } from "./snapshot-share";
import { frame } from "./sse-frame";

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

const encoder = new TextEncoder();
const RETRY = encoder.encode("retry: 2000\n\n");
const PING = encoder.encode(": ping\n\n");
/**
 * An event's frame, serialized and encoded once however many of this process's streams send it: the broadcaster
 * hands every subscriber the same event object, so with thousands of viewers this is one JSON.stringify and one
 * encode per event instead of one per viewer, and every response is handed the same bytes.
 */
const encodedFrames = new WeakMap<LiveEventDto, Uint8Array>();
function encodedFrame(e: LiveEventDto): Uint8Array {
  let bytes = encodedFrames.get(e);
  if (!bytes) encodedFrames.set(e, (bytes = encoder.encode(frame(e.id, e.type, e.payload))));
  return bytes;
}

/** Where a feed's bytes go: a web ReadableStream (lib/live/stream.ts) or a Node response (node-event-stream.ts). */
export interface FeedSink {
  /** Bytes handed over that the viewer has not taken yet. */
  unread(): number;
  /** Hands bytes to the viewer. The feed checks the bound before; the sink never refuses. */
  push(bytes: Uint8Array): void;
  /** Resolves once fewer than `bytes` are unread (at once when already so). */
  room(bytes: number): Promise<void>;
  /** The feed ended on its own: `overflow` (the viewer stopped reading) or `failed`. */
  end(reason: "overflow" | "failed"): void;
}

export interface Feed {
  /** The viewer went away: unsubscribe, stop the heartbeat, forget what is queued. Idempotent. */
  close(): void;
}

// One heartbeat timer per process for every open feed (10,000 viewers are one timer, not 10,000).
const beating = new Set<() => void>();
let heartbeatTimer: ReturnType<typeof setInterval> | null = null;
function beat(ping: () => void): () => void {
  beating.add(ping);
  heartbeatTimer ??= setInterval(() => beating.forEach((p) => p()), HEARTBEAT_MS);
  heartbeatTimer.unref?.();
  return () => {
    beating.delete(ping);
    if (!beating.size && heartbeatTimer) {
      clearInterval(heartbeatTimer);
      heartbeatTimer = null;
    }
  };
}

// A connect storm asks whether the same session exists thousands of times a second: the answer (or the query in
// flight) is kept briefly. (A session cancelled meanwhile streams its last events to viewers for at most this long.)
const sessionStatus = new LRUCache<string, Promise<string | null>>({ max: 10_000, ttl: 2_000 });
function streamable(sessionId: string): Promise<boolean> {
  let status = sessionStatus.get(sessionId);
  if (!status) {
    status = getDb()
      .then((db) =>
        db.select({ status: s.liveSessions.status }).from(s.liveSessions).where(eq(s.liveSessions.id, sessionId)),
      )
      .then(([row]) => row?.status ?? null);
    sessionStatus.set(sessionId, status);
    status.catch(() => sessionStatus.delete(sessionId));
  }
  return status.then((st) => st !== null && st !== "cancelled");
}

/**
 * A session's Server-Sent Events, independent of the HTTP server that sends them: a snapshot on connect (or, with
 * a usable Last-Event-ID, exactly the events missed, in order), then every new event with its id, and a
 * heartbeat. It holds no database connection while idle. Null when the session does not exist (or was cancelled);
 * otherwise a function that starts the feed into a sink.
 *
 * - Catching up: it subscribes first, then reads the log; live events that arrive meanwhile are held back
 *   and sent after the log, anything already sent (id <= lastSent) is dropped. The same happens when the
 *   broadcaster's LISTEN connection comes back (notifications sent while it was down are lost): live events
 *   are held while the log is re-read, so a live event can never move lastSent past events the re-read has
 *   not sent yet. (This relies on a session's events committing in id order; see appendEvent.)
 * - Bounded: a catch-up writes only while there is room (a long replay goes at the reader's pace); a viewer with
 *   STREAM_BUFFER_BYTES unread when more arrives is disconnected (once, with a warning): the sink is ended with
 *   `overflow`, and the viewer resumes from the last id it received. Other viewers are not held up.
 */
export async function openFeed(
  sessionId: string,
  lastEventIdRaw: string | null,
): Promise<((sink: FeedSink) => Feed) | null> {
  if (!(await streamable(sessionId))) return null;
  startPresenceReporter();
  return (sink) => startFeed(sessionId, lastEventIdRaw, sink);
}

function startFeed(sessionId: string, lastEventIdRaw: string | null, sink: FeedSink): Feed {
  let closed = false;
  let lastSent = 0;
  // While catching up, live events wait in `buffered`; `again`: a resync asked for one more pass over the log.
  let catchingUp = true;
  let again = false;
  const buffered: LiveEventDto[] = [];
  let bufferedBytes = 0;
  let unsubscribe = () => {};
  let stopBeating = () => {};

  const close = () => {
    if (closed) return;
    closed = true;
    stopBeating();
    unsubscribe();
    buffered.length = 0;
    bufferedBytes = 0;
  };
  const endWith = (reason: "overflow" | "failed") => {
    if (closed) return;
    close();
    sink.end(reason);
  };
  const overflow = () => {
    console.warn(
      `[live] a viewer of ${sessionId} fell behind (${Math.round((sink.unread() + bufferedBytes) / 1024)} KB unread, bound ${STREAM_BUFFER_BYTES / 1024} KB): disconnected, it resumes with Last-Event-ID`,
    );
    endWith("overflow");
  };
  const write = (bytes: Uint8Array) => {
    if (closed) return;
    if (sink.unread() + bufferedBytes >= STREAM_BUFFER_BYTES) return overflow();
    sink.push(bytes);
  };
  const send = (e: LiveEventDto) => {
    if (e.id <= lastSent) return;
    write(encodedFrame(e));
    lastSent = e.id;
  };
  const live = (e: LiveEventDto) => {
    if (closed || e.id <= lastSent) return;
    if (!catchingUp) return send(e);
    if (sink.unread() + bufferedBytes >= STREAM_BUFFER_BYTES) return overflow();
    buffered.push(e);
    bufferedBytes += encodedFrame(e).byteLength;
  };
  /** Sends the log after lastSent, at the reader's pace, until a read finds it all sent and no resync is pending. */
  const catchUp = async () => {
    for (;;) {
      again = false;
      const page = await eventsAfter(await getDb(), sessionId, lastSent, PAGE);
      for (const e of page) {
        if (sink.unread() >= REPLAY_ROOM_BYTES) await sink.room(REPLAY_ROOM_BYTES);
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
    endWith("failed");
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
    stopBeating = beat(() => write(PING));
    write(RETRY);
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
      const snapshot = await sharedSnapshot(sessionId);
      if (closed) return;
      if (snapshot) {
        write(snapshot.bytes);
        lastSent = Math.max(lastSent, snapshot.lastEventId);
      }
      if (again) await catchUp();
    }
    goLive();
  };
  run().catch(fail);
  return { close };
}
