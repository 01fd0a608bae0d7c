import "server-only";
import { eq, lt, sql } from "drizzle-orm";
import { LRUCache } from "lru-cache";
import { AppError } from "../core/errors";
import { now } from "../core/clock";
import { getDb, schema as s } from "../db";

export interface Limit {
  /** Most hits allowed in one window. */
  max: number;
  windowSeconds: number;
}

export interface HitResult {
  count: number;
  limited: boolean;
  retryAfterSeconds: number;
}

/**
 * Counts one hit on `key` in a fixed window, atomically (one upsert), in the shared database, so every
 * app instance sees the same count.
 */
export async function hit(key: string, limit: Limit): Promise<HitResult> {
  const db = await getDb();
  const at = now();
  const windowStart = new Date(at.getTime() - limit.windowSeconds * 1000);
  const expired = sql`${s.rateLimits.windowStartedAt} <= ${windowStart}`;
  const [row] = await db
    .insert(s.rateLimits)
    .values({ key, count: 1, windowStartedAt: at })
    .onConflictDoUpdate({
      target: s.rateLimits.key,
      set: {
        count: sql`case when ${expired} then 1 else ${s.rateLimits.count} + 1 end`,
        windowStartedAt: sql`case when ${expired} then ${at}::timestamptz else ${s.rateLimits.windowStartedAt} end`,
      },
    })
    .returning();
  const count = row!.count;
  const ends = row!.windowStartedAt.getTime() + limit.windowSeconds * 1000;
  return { count, limited: count > limit.max, retryAfterSeconds: Math.max(1, Math.ceil((ends - at.getTime()) / 1000)) };
}

/** The current count in the window without counting a hit: to refuse before doing the work. */
export async function peek(key: string, limit: Limit): Promise<HitResult> {
  const db = await getDb();
  const at = now();
  const [row] = await db.select().from(s.rateLimits).where(eq(s.rateLimits.key, key));
  const ends = (row?.windowStartedAt.getTime() ?? 0) + limit.windowSeconds * 1000;
  const count = row && ends > at.getTime() ? row.count : 0;
  return {
    count,
    limited: count >= limit.max,
    retryAfterSeconds: Math.max(1, Math.ceil((ends - at.getTime()) / 1000)),
  };
}

/** Throws RATE_LIMITED when the hit goes over the limit. */
export async function enforce(key: string, limit: Limit, what = "requests"): Promise<void> {
  const r = await hit(key, limit);
  if (r.limited) {
    throw new AppError("RATE_LIMITED", `too many ${what} for ${key.split(":")[0]}`, {
      retryAfterSeconds: r.retryAfterSeconds,
      params: { seconds: r.retryAfterSeconds },
    });
  }
}

/** Gives one counted hit back (an attempt that turned out legitimate), never below zero. */
export async function unhit(key: string): Promise<void> {
  const db = await getDb();
  await db
    .update(s.rateLimits)
    .set({ count: sql`greatest(${s.rateLimits.count} - 1, 0)` })
    .where(eq(s.rateLimits.key, key));
}

export async function resetLimit(key: string): Promise<void> {
  const db = await getDb();
  await db.delete(s.rateLimits).where(eq(s.rateLimits.key, key));
}

/** Drops windows that ended long ago; called by the sweep. */
export async function pruneRateLimits(olderThanSeconds = 86_400): Promise<number> {
  const db = await getDb();
  const cutoff = new Date(now().getTime() - olderThanSeconds * 1000);
  const rows = await db
    .delete(s.rateLimits)
    .where(lt(s.rateLimits.windowStartedAt, cutoff))
    .returning({ key: s.rateLimits.key });
  return rows.length;
}

const g = globalThis as typeof globalThis & {
  __elianLocalLimits?: LRUCache<string, { count: number; endsAt: number }>;
};
const localWindows = () =>
  (g.__elianLocalLimits ??= new LRUCache<string, { count: number; endsAt: number }>({ max: 100_000 }));

/**
 * `enforce` counted in this process's memory instead of the shared database: for a hot path whose every request
 * is already judged by the database anyway (a drop purchase: the per-buyer limit is in the drop's row), where a
 * write per request would be the slowest part. Each instance counts on its own, so N instances allow N × max.
 */
export function enforceLocal(key: string, limit: Limit, what = "requests"): void {
  const at = now().getTime();
  const windows = localWindows();
  let w = windows.get(key);
  if (!w || w.endsAt <= at) {
    w = { count: 0, endsAt: at + limit.windowSeconds * 1000 };
    windows.set(key, w);
  }
  w.count++;
  if (w.count > limit.max) {
    const seconds = Math.max(1, Math.ceil((w.endsAt - at) / 1000));
    throw new AppError("RATE_LIMITED", `too many ${what} for ${key.split(":")[0]}`, {
      retryAfterSeconds: seconds,
      params: { seconds },
    });
  }
}
