import "server-only";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { getDb, schema as s, type DbOrTx } from "../db";
import { env } from "../env";
import type { NotificationDto, NotificationKind } from "./contract";

/**
 * Writes a notification in the caller's transaction, once per `dedupeKey` (a repeated sweep or webhook
 * writes nothing new). It is e-mailed later by the sweep when SMTP is configured.
 */
export async function notify(
  db: DbOrTx,
  n: {
    userId: string;
    kind: NotificationKind;
    params?: Record<string, string | number>;
    link?: string;
    dedupeKey: string;
  },
): Promise<void> {
  await db
    .insert(s.notifications)
    .values({
      userId: n.userId,
      kind: n.kind,
      params: n.params ?? {},
      link: n.link ?? null,
      dedupeKey: n.dedupeKey,
      emailStatus: env().SMTP_URL ? "pending" : "none",
    })
    .onConflictDoNothing({ target: s.notifications.dedupeKey });
}

export async function listNotifications(userId: string, limit = 30): Promise<NotificationDto[]> {
  const db = await getDb();
  const rows = await db
    .select()
    .from(s.notifications)
    .where(eq(s.notifications.userId, userId))
    .orderBy(desc(s.notifications.id))
    .limit(limit);
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind as NotificationKind,
    params: r.params,
    link: r.link,
    read: r.readAt !== null,
    createdAt: r.createdAt,
  }));
}

export async function unreadCount(userId: string): Promise<number> {
  const db = await getDb();
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(s.notifications)
    .where(and(eq(s.notifications.userId, userId), isNull(s.notifications.readAt)));
  return row?.n ?? 0;
}

export async function markAllRead(userId: string): Promise<void> {
  const db = await getDb();
  await db
    .update(s.notifications)
    .set({ readAt: sql`now()` })
    .where(and(eq(s.notifications.userId, userId), isNull(s.notifications.readAt)));
}
