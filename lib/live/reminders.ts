import "server-only";
import { and, asc, eq, gt, isNull, lte } from "drizzle-orm";
import { schema as s, type Tx } from "../db";
import { notify } from "../events";

/** How long before the scheduled start the 预约 reminder goes out. */
export const REMIND_BEFORE_MS = 10 * 60_000;

/**
 * The sweep: every scheduled session starting within REMIND_BEFORE_MS tells each person who asked (预约) — in the
 * app, and by e-mail through the outbox — once: the session is marked, and each notification has its dedupe key.
 * A session already past its start is left to the go-live notice (startSessionTx).
 */
export async function remindUpcomingSessions(tx: Tx, at: Date): Promise<number> {
  const due = await tx
    .select({ id: s.liveSessions.id, title: s.liveSessions.title })
    .from(s.liveSessions)
    .where(
      and(
        eq(s.liveSessions.status, "scheduled"),
        isNull(s.liveSessions.remindedSoonAt),
        gt(s.liveSessions.scheduledAt, at),
        lte(s.liveSessions.scheduledAt, new Date(at.getTime() + REMIND_BEFORE_MS)),
      ),
    )
    .orderBy(asc(s.liveSessions.id))
    .limit(50)
    .for("update", { skipLocked: true });
  for (const session of due) {
    const people = await tx
      .select({ userId: s.liveReminders.userId })
      .from(s.liveReminders)
      .where(eq(s.liveReminders.sessionId, session.id));
    for (const p of people)
      await notify(tx, {
        userId: p.userId,
        kind: "live_soon",
        params: { title: session.title },
        link: `/live/${session.id}`,
        dedupeKey: `live_soon:${session.id}:${p.userId}`,
      });
    await tx.update(s.liveSessions).set({ remindedSoonAt: at }).where(eq(s.liveSessions.id, session.id));
  }
  return due.length;
}
