import "server-only";
import { and, asc, desc, eq, gt, sql } from "drizzle-orm";
import { getDb, schema as s, type DbOrTx, type Tx } from "../db";
import type { LiveEventDto, LiveEventType } from "./contract";

export const LIVE_CHANNEL = "live_events";
// NOTIFY payloads must stay under 8000 bytes; bigger events travel as a reference and are read back.
const MAX_NOTIFY = 7800;

/**
 * Writes a session event (its id only grows) and queues its broadcast with pg_notify in the same
 * transaction: PostgreSQL delivers a NOTIFY only if the transaction commits, so viewers never see an
 * event that was rolled back, and every instance listening hears it.
 */
export async function appendEvent(tx: Tx, sessionId: string, type: LiveEventType, payload: Record<string, unknown>): Promise<number> {
  const [row] = await tx.insert(s.liveEvents).values({ sessionId, type, payload }).returning({ id: s.liveEvents.id });
  const message = JSON.stringify({ s: sessionId, i: row!.id, t: type, p: payload });
  await tx.execute(sql`select pg_notify(${LIVE_CHANNEL}, ${message.length < MAX_NOTIFY ? message : JSON.stringify({ s: sessionId, i: row!.id, big: true })})`);
  return row!.id;
}

/** The events a reconnecting viewer missed, in order. */
export async function eventsAfter(sessionId: string, afterId: number, limit = 500, db?: DbOrTx): Promise<LiveEventDto[]> {
  const d = db ?? (await getDb());
  const rows = await d
    .select({ id: s.liveEvents.id, type: s.liveEvents.type, payload: s.liveEvents.payload })
    .from(s.liveEvents)
    .where(and(eq(s.liveEvents.sessionId, sessionId), gt(s.liveEvents.id, afterId)))
    .orderBy(asc(s.liveEvents.id))
    .limit(limit);
  return rows as LiveEventDto[];
}

export async function eventById(id: number): Promise<(LiveEventDto & { sessionId: string }) | null> {
  const db = await getDb();
  const [row] = await db
    .select({ id: s.liveEvents.id, type: s.liveEvents.type, payload: s.liveEvents.payload, sessionId: s.liveEvents.sessionId })
    .from(s.liveEvents)
    .where(eq(s.liveEvents.id, id));
  return (row as (LiveEventDto & { sessionId: string }) | undefined) ?? null;
}

/** The first and last event ids of a session (0 when it has none). */
export async function eventRange(sessionId: string, db?: DbOrTx): Promise<{ first: number; last: number }> {
  const d = db ?? (await getDb());
  const [first] = await d.select({ id: s.liveEvents.id }).from(s.liveEvents).where(eq(s.liveEvents.sessionId, sessionId)).orderBy(asc(s.liveEvents.id)).limit(1);
  const [last] = await d.select({ id: s.liveEvents.id }).from(s.liveEvents).where(eq(s.liveEvents.sessionId, sessionId)).orderBy(desc(s.liveEvents.id)).limit(1);
  return { first: first?.id ?? 0, last: last?.id ?? 0 };
}
