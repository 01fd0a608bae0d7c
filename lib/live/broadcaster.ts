import "server-only";
import pg from "pg";
import { getDb, getDbHandle } from "../db";
import type { LiveEventDto } from "./contract";
import { eventById, LIVE_CHANNEL } from "./events";

type Listener = (event: LiveEventDto) => void;

interface Hub {
  listeners: Map<string, Set<Listener>>;
  listening: Promise<void> | null;
  /** Called after a lost LISTEN connection comes back: subscribers re-read what they may have missed. */
  resync: Set<() => void>;
  /** The tail of the delivery chain: events reach the listeners in the order their notifications arrived. */
  delivery?: Promise<void>;
  /** Notifications received per session, and a counter of LISTEN outages: together, "has anything happened". */
  seen: Map<string, number>;
  epoch: number;
}

// On globalThis: one LISTEN connection per process, shared by every bundle that streams events.
const g = globalThis as typeof globalThis & { __elianLiveHub?: Hub };
const hub = (): Hub =>
  (g.__elianLiveHub ??= { listeners: new Map(), listening: null, resync: new Set(), seen: new Map(), epoch: 0 });

const RECONNECT_MS = 1000;

function resyncAll() {
  hub().epoch++;
  for (const f of hub().resync) {
    try {
      f();
    } catch (err) {
      console.warn("[live] resync failed:", (err as Error).message);
    }
  }
}

/**
 * One notification in. Notifications arrive in commit order, which appendEvent makes id order within a
 * session; delivery keeps it. An event too big for NOTIFY is read back from the database, and the events
 * behind it wait for that read (started at once, so a burst of big events costs one round trip, not one
 * each) — otherwise id N+1 could overtake N and a stream, which drops ids it has passed, would lose N.
 */
function receive(raw: string) {
  let msg: { s: string; i: number; t?: string; p?: Record<string, unknown>; big?: boolean };
  try {
    msg = JSON.parse(raw);
  } catch {
    return;
  }
  const h = hub();
  h.seen.set(msg.s, (h.seen.get(msg.s) ?? 0) + 1);
  if (!h.listeners.get(msg.s)?.size) return;
  const event: LiveEventDto | Promise<LiveEventDto | null> = msg.big
    ? getDb()
        .then((db) => eventById(db, msg.i))
        .catch((err: unknown) => {
          // This process's viewers would miss the event: have them re-read the log instead.
          console.warn(`[live] could not read event ${msg.i} back; viewers resync:`, (err as Error).message);
          resyncAll();
          return null;
        })
    : ({ id: msg.i, type: msg.t, payload: msg.p } as LiveEventDto);
  h.delivery = (h.delivery ?? Promise.resolve()).then(async () => {
    const e = await event;
    if (!e) return;
    for (const l of h.listeners.get(msg.s) ?? []) {
      try {
        l(e);
      } catch (err) {
        console.warn("[live] listener failed:", (err as Error).message);
      }
    }
  });
}

/**
 * Listens to the live channel once per process: PGlite in-process; PostgreSQL through one dedicated
 * connection (so events published by another app instance reach this one's viewers). A dropped
 * connection is re-established (every second until it is back) and subscribers resync from the database:
 * notifications sent while it was down are lost, the rows are not.
 */
function ensureListening(): Promise<void> {
  const h = hub();
  h.listening ??= (async () => {
    const handle = await getDbHandle();
    if (handle.pglite) {
      await handle.pglite.listen(LIVE_CHANNEL, receive);
      return;
    }
    const connect = async (first: boolean): Promise<void> => {
      const client = new pg.Client({ connectionString: handle.url });
      // Each client hands over to exactly one successor, whether it ends or fails to start.
      let handedOver = false;
      const reconnect = () => {
        if (handedOver) return;
        handedOver = true;
        h.epoch++; // notifications are lost until the successor listens

        setTimeout(() => void connect(false).catch(() => {}), RECONNECT_MS).unref();
      };
      let established = false;
      // After a reconnect, the resync must reach the streams before any event heard on the new connection:
      // a stream that sent one live event first would skip everything it missed before it. So notifications
      // wait here until the resync is in the delivery chain, ahead of them.
      const early: string[] | null = first ? null : [];
      client.on("notification", (n) =>
        early && !established ? early.push(n.payload ?? "") : receive(n.payload ?? ""),
      );
      let warned = false;
      client.on("error", (err) => {
        if (!established || warned) return;
        warned = true;
        console.warn("[live] LISTEN connection lost, reconnecting:", err.message);
      });
      client.on("end", reconnect);
      try {
        await client.connect();
        await client.query(`LISTEN ${LIVE_CHANNEL}`);
      } catch (err) {
        // A first connect that fails is the caller's error (the next subscribe tries again); a reconnect retries.
        if (first) handedOver = true;
        else reconnect();
        void client.end().catch(() => {});
        throw err;
      }
      if (early) {
        console.info("[live] LISTEN connection re-established; viewers resync");
        // Listening again: whatever was published while down is in the log, and each stream re-reads it.
        h.delivery = (h.delivery ?? Promise.resolve()).then(resyncAll);
      }
      established = true;
      early?.splice(0).forEach(receive);
    };
    await connect(true);
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

/**
 * A mark that changes whenever this process hears of a new event of the session, or its LISTEN connection was lost:
 * two equal marks mean nothing happened to the session in between, as far as this process can know.
 */
export function notificationMark(sessionId: string): string {
  const h = hub();
  return `${h.epoch}:${h.seen.get(sessionId) ?? 0}`;
}

/** How many viewers this process streams to, per session. */
export function localViewerCounts(): Map<string, number> {
  return new Map([...hub().listeners].map(([sessionId, set]) => [sessionId, set.size]));
}
