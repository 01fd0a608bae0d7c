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

const frame = (id: number, event: string, data: unknown) => `id: ${id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

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
 * missed, in order), then every new event with its id, and a heartbeat. It subscribes before catching up
 * and drops anything already sent, so nothing falls between the two. It holds no database connection
 * while idle, and everything is released when the client goes away.
 */
export async function openEventStream(sessionId: string, lastEventIdRaw: string | null, signal: AbortSignal): Promise<ReadableStream<Uint8Array> | null> {
  const db = await getDb();
  const [session] = await db.select({ status: s.liveSessions.status }).from(s.liveSessions).where(eq(s.liveSessions.id, sessionId));
  if (!session || session.status === "cancelled") return null;
  startPresenceReporter();
  let cleanup = () => {};
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      let closed = false;
      let lastSent = 0;
      let catchingUp = true;
      const buffered: LiveEventDto[] = [];
      const write = (chunk: string | Uint8Array) => {
        if (!closed) controller.enqueue(typeof chunk === "string" ? encoder.encode(chunk) : chunk);
      };
      const send = (e: LiveEventDto) => {
        if (e.id <= lastSent) return;
        write(encodedFrame(e));
        lastSent = e.id;
      };
      const catchUp = async () => {
        for (let page = await eventsAfter(sessionId, lastSent, 500); page.length; page = await eventsAfter(sessionId, lastSent, 500)) page.forEach(send);
      };
      const unsubscribe = await subscribe(sessionId, (e) => (catchingUp ? buffered.push(e) : send(e)), () => void catchUp());
      const heartbeat = setInterval(() => write(": ping\n\n"), HEARTBEAT_MS);
      cleanup = () => {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        unsubscribe();
        try {
          controller.close();
        } catch {
          /* already closed */
        }
      };
      signal.addEventListener("abort", cleanup, { once: true });
      write("retry: 2000\n\n");
      // The event range is read only for a resume: a first connect (most of a connect storm) needs just the snapshot.
      const asked = lastEventIdRaw === null || lastEventIdRaw === "" ? NaN : Number(lastEventIdRaw);
      let resumable = false;
      if (Number.isSafeInteger(asked)) {
        const { first, last } = await eventRange(sessionId);
        resumable = asked >= first - 1 && asked <= last && last - asked <= MAX_REPLAY && first > 0;
      }
      if (resumable) {
        lastSent = asked;
        await catchUp();
      } else {
        const snapshot = await buildSnapshot(sessionId, now());
        if (snapshot) {
          write(frame(snapshot.lastEventId, "snapshot", snapshot));
          lastSent = snapshot.lastEventId;
        }
      }
      catchingUp = false;
      buffered.splice(0).forEach(send);
    },
    cancel() {
      cleanup();
    },
  });
}
