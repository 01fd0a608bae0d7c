import "server-only";
import pg from "pg";
import { getDbHandle } from "../db";
import type { LiveEventDto } from "./contract";
import { eventById, LIVE_CHANNEL } from "./events";

type Listener = (event: LiveEventDto) => void;

interface Hub {
  listeners: Map<string, Set<Listener>>;
  listening: Promise<void> | null;
  /** Called after a lost LISTEN connection comes back: subscribers re-read what they may have missed. */
  resync: Set<() => void>;
}

// On globalThis: one LISTEN connection per process, shared by every bundle that streams events.
const g = globalThis as typeof globalThis & { __elianLiveHub?: Hub };
const hub = (): Hub => (g.__elianLiveHub ??= { listeners: new Map(), listening: null, resync: new Set() });

async function dispatch(raw: string) {
  let msg: { s: string; i: number; t?: string; p?: Record<string, unknown>; big?: boolean };
  try {
    msg = JSON.parse(raw);
  } catch {
    return;
  }
  const listeners = hub().listeners.get(msg.s);
  if (!listeners?.size) return;
  const event = msg.big ? await eventById(msg.i) : ({ id: msg.i, type: msg.t, payload: msg.p } as LiveEventDto);
  if (!event) return;
  for (const l of listeners) l(event);
}

/**
 * Listens to the live channel once per process: PGlite in-process; PostgreSQL through one dedicated
 * connection (so events published by another app instance reach this one's viewers). A dropped
 * connection is re-established and subscribers resync from the database.
 */
function ensureListening(): Promise<void> {
  const h = hub();
  h.listening ??= (async () => {
    const handle = await getDbHandle();
    if (handle.pglite) {
      await handle.pglite.listen(LIVE_CHANNEL, (payload) => void dispatch(payload));
      return;
    }
    const connect = async (): Promise<void> => {
      const client = new pg.Client({ connectionString: handle.url });
      client.on("notification", (n) => void dispatch(n.payload ?? ""));
      client.on("error", () => {});
      client.on("end", () => {
        setTimeout(() => void connect().then(() => h.resync.forEach((f) => f())).catch(() => {}), 1000).unref();
      });
      await client.connect();
      await client.query(`LISTEN ${LIVE_CHANNEL}`);
    };
    await connect();
  })().catch((err) => {
    h.listening = null;
    throw err;
  });
  return h.listening;
}

/** Subscribes to a session's events in this process; returns the unsubscribe function. */
export async function subscribe(sessionId: string, listener: Listener, onResync?: () => void): Promise<() => void> {
  await ensureListening();
  const h = hub();
  let set = h.listeners.get(sessionId);
  if (!set) h.listeners.set(sessionId, (set = new Set()));
  set.add(listener);
  if (onResync) h.resync.add(onResync);
  return () => {
    set!.delete(listener);
    if (!set!.size) h.listeners.delete(sessionId);
    if (onResync) h.resync.delete(onResync);
  };
}

/** How many viewers this process streams to, per session. */
export function localViewerCounts(): Map<string, number> {
  return new Map([...hub().listeners].map(([sessionId, set]) => [sessionId, set.size]));
}
