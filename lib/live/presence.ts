import "server-only";
import { and, eq, lt } from "drizzle-orm";
import { randomBytes } from "node:crypto";
import { now } from "../core/clock";
import { getDb, schema as s } from "../db";
import { localViewerCounts } from "./broadcaster";
import { appendEvent } from "./events";
import { viewerCount } from "./snapshot";

const REPORT_MS = 5_000;

interface Presence {
  instanceId: string;
  timer: NodeJS.Timeout | null;
  shown: Map<string, number>;
}
const g = globalThis as typeof globalThis & { __elianPresence?: Presence };
const state = () =>
  (g.__elianPresence ??= { instanceId: `inst_${randomBytes(6).toString("hex")}`, timer: null, shown: new Map() });

/**
 * Every few seconds each app instance writes how many viewers it streams to per session; the viewer count
 * is their sum. When the sum changes a `viewers` event goes out (so it is also replayable).
 */
export function startPresenceReporter(): void {
  const st = state();
  if (st.timer) return;
  st.timer = setInterval(
    () => void report().catch((err: unknown) => console.warn("[live] presence:", (err as Error).message)),
    REPORT_MS,
  );
  st.timer.unref();
}

export async function report(): Promise<void> {
  const st = state();
  const db = await getDb();
  const at = now();
  const counts = localViewerCounts();
  for (const sessionId of new Set([...counts.keys(), ...st.shown.keys()])) {
    const viewers = counts.get(sessionId) ?? 0;
    await db
      .insert(s.livePresence)
      .values({ instanceId: st.instanceId, sessionId, viewers, updatedAt: at })
      .onConflictDoUpdate({
        target: [s.livePresence.instanceId, s.livePresence.sessionId],
        set: { viewers, updatedAt: at },
      });
    const total = await viewerCount(db, sessionId, at);
    if (st.shown.get(sessionId) !== total) {
      await db.transaction((tx) => appendEvent(tx, sessionId, "viewers", { viewers: total }));
      if (total === 0 && !counts.has(sessionId)) st.shown.delete(sessionId);
      else st.shown.set(sessionId, total);
    }
  }
  await db
    .delete(s.livePresence)
    .where(
      and(
        eq(s.livePresence.instanceId, st.instanceId),
        eq(s.livePresence.viewers, 0),
        lt(s.livePresence.updatedAt, at),
      ),
    );
}
