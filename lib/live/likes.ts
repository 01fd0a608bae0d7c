import "server-only";
import { eq, sql } from "drizzle-orm";
import { enforceLocal } from "../auth";
import type { Viewer } from "../auth/contract";
import { AppError } from "../core/errors";
import { getDb, schema as s } from "../db";
import type { SessionIdInput } from "./contract";
import { appendEvent } from "./events";

/** How often this process adds up its likes into the session's row (and tells the viewers the new count). */
const FLUSH_MS = 500;
/** A thumb can tap fast; more than this many a second from one person is not counted. */
const LIKE_LIMIT = { max: 10, windowSeconds: 1 };

interface Pending {
  counts: Map<string, number>;
  timer: ReturnType<typeof setTimeout> | null;
  flushing: Promise<void> | null;
}
const g = globalThis as typeof globalThis & { __elianLikes?: Pending };
const pending = (): Pending => (g.__elianLikes ??= { counts: new Map(), timer: null, flushing: null });

/**
 * 点赞: counted in this process and added to the session's row in one UPDATE per session every half second, with
 * one `likes` event carrying the new total — thousands of taps a second are a few writes, not thousands.
 */
export async function like(viewer: Viewer | null, { sessionId }: SessionIdInput): Promise<void> {
  if (!viewer) throw new AppError("UNAUTHENTICATED", "sign in to like");
  enforceLocal(`live-like:${viewer.userId}`, LIKE_LIMIT, "likes");
  const db = await getDb();
  const [session] = await db
    .select({ status: s.liveSessions.status })
    .from(s.liveSessions)
    .where(eq(s.liveSessions.id, sessionId));
  if (!session || session.status === "cancelled") throw new AppError("NOT_FOUND", "session not found");
  if (session.status !== "live" && session.status !== "scheduled")
    throw new AppError("INVALID_STATE", `session is ${session.status}`);
  const p = pending();
  p.counts.set(sessionId, (p.counts.get(sessionId) ?? 0) + 1);
  p.timer ??= setTimeout(() => void flushLikes(), FLUSH_MS);
}

/** Writes what this process has counted (also called by tests, and at once when they need the figure). */
export async function flushLikes(): Promise<void> {
  const p = pending();
  if (p.timer) clearTimeout(p.timer);
  p.timer = null;
  await p.flushing;
  const batch = [...p.counts];
  p.counts.clear();
  if (!batch.length) return;
  p.flushing = (async () => {
    const db = await getDb();
    for (const [sessionId, n] of batch) {
      try {
        await db.transaction(async (tx) => {
          const [row] = await tx
            .update(s.liveSessions)
            .set({ likes: sql`${s.liveSessions.likes} + ${n}` })
            .where(eq(s.liveSessions.id, sessionId))
            .returning({ likes: s.liveSessions.likes });
          if (row) await appendEvent(tx, sessionId, "likes", { likes: row.likes });
        });
      } catch (err) {
        console.warn(`[live] ${n} likes of ${sessionId} not written:`, (err as Error).message);
      }
    }
  })();
  await p.flushing;
  p.flushing = null;
}
