import "server-only";
import { and, asc, desc, eq, gt, sql } from "drizzle-orm";
import { schema as s, type DbOrTx, type Tx } from "../db";
import type { LiveEventDto, LiveEventType } from "./contract";

export const LIVE_CHANNEL = "live_events";
// NOTIFY payloads must stay under 8000 bytes (UTF-8 bytes, not characters: a Chinese character is three);
// bigger events travel as a reference and are read back.
const MAX_NOTIFY_BYTES = 7800;
/** The first key of the two-int advisory lock that orders a session's appends (the second is the session's hash). */
const APPEND_LOCK_SPACE = 7_274_912;

/**
 * Writes a session event (its id only grows) and queues its broadcast with pg_notify in the same
 * transaction: PostgreSQL delivers a NOTIFY only if the transaction commits, so viewers never see an
 * event that was rolled back, and every instance listening hears it.
 *
 * A session's events also commit in id order. The id comes from a sequence when the row is inserted, but
 * two transactions can commit in the other order (the first one still working after its insert), and a
 * viewer that got id N+1 first — live, or from a catch-up read that saw N+1 committed and N not yet —
 * drops N as already sent. So the insert waits for a transaction-scoped advisory lock on the session:
 * a second writer for the same session takes its id only after the first has committed or rolled back,
 * the committed events of a session are always every id up to the newest, and a read or a NOTIFY never
 * shows a later event before an earlier one. The lock is held to the end of the transaction, so appends
 * to one session are serialized from their first appendEvent (keep work after it short); other sessions
 * are not affected (a hash collision only serializes two sessions). Taking it again in the same
 * transaction is free. On PGlite there is one connection, so transactions never overlap and the lock is
 * always granted at once.
 */
export async function appendEvent(
  tx: Tx,
  sessionId: string,
  type: LiveEventType,
  payload: Record<string, unknown>,
): Promise<number> {
  await tx.execute(sql`select pg_advisory_xact_lock(${APPEND_LOCK_SPACE}, hashtext(${sessionId}))`);
  const [row] = await tx.insert(s.liveEvents).values({ sessionId, type, payload }).returning({ id: s.liveEvents.id });
  const message = JSON.stringify({ s: sessionId, i: row!.id, t: type, p: payload });
  const small = Buffer.byteLength(message, "utf8") < MAX_NOTIFY_BYTES;
  await tx.execute(
    sql`select pg_notify(${LIVE_CHANNEL}, ${small ? message : JSON.stringify({ s: sessionId, i: row!.id, big: true })})`,
  );
  return row!.id;
}

/** The events a reconnecting viewer missed, in order. */
export async function eventsAfter(
  db: DbOrTx,
  sessionId: string,
  afterId: number,
  limit = 500,
): Promise<LiveEventDto[]> {
  const rows = await db
    .select({ id: s.liveEvents.id, type: s.liveEvents.type, payload: s.liveEvents.payload })
    .from(s.liveEvents)
    .where(and(eq(s.liveEvents.sessionId, sessionId), gt(s.liveEvents.id, afterId)))
    .orderBy(asc(s.liveEvents.id))
    .limit(limit);
  return rows as LiveEventDto[];
}

export async function eventById(db: DbOrTx, id: number): Promise<(LiveEventDto & { sessionId: string }) | null> {
  const [row] = await db
    .select({
      id: s.liveEvents.id,
      type: s.liveEvents.type,
      payload: s.liveEvents.payload,
      sessionId: s.liveEvents.sessionId,
    })
    .from(s.liveEvents)
    .where(eq(s.liveEvents.id, id));
  return (row as (LiveEventDto & { sessionId: string }) | undefined) ?? null;
}

/** The first and last event ids of a session (0 when it has none). */
export async function eventRange(db: DbOrTx, sessionId: string): Promise<{ first: number; last: number }> {
  const [first] = await db
    .select({ id: s.liveEvents.id })
    .from(s.liveEvents)
    .where(eq(s.liveEvents.sessionId, sessionId))
    .orderBy(asc(s.liveEvents.id))
    .limit(1);
  const [last] = await db
    .select({ id: s.liveEvents.id })
    .from(s.liveEvents)
    .where(eq(s.liveEvents.sessionId, sessionId))
    .orderBy(desc(s.liveEvents.id))
    .limit(1);
  return { first: first?.id ?? 0, last: last?.id ?? 0 };
}
