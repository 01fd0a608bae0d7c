import "server-only";
import { getDb } from "../db";
import { appendEvent } from "./events";
import { dropDtos, ticker } from "./snapshot";

/** How often, at most, a busy session gets a units-left and a ticker event from this process. */
export const COALESCE_MS = 300;

interface Pending {
  timer: NodeJS.Timeout | null;
  /** The flush under way, if any (a test waits for it). */
  running: Promise<void> | null;
  last: string;
}
const g = globalThis as typeof globalThis & { __elianLiveCoalesce?: Map<string, Pending> };
const pending = () => (g.__elianLiveCoalesce ??= new Map());

/**
 * A purchase happened in this session. Rather than one event per purchase (a drop storm would become an
 * event storm), the units left and the ticker are written as events at most every COALESCE_MS, read from
 * the rows the purchases updated — the same numbers the next buyer is judged against.
 */
export function markActivity(sessionId: string): void {
  const map = pending();
  const p = map.get(sessionId) ?? { timer: null, running: null, last: "" };
  map.set(sessionId, p);
  if (p.timer) return;
  p.timer = setTimeout(() => {
    p.timer = null;
    void run(sessionId, p);
  }, COALESCE_MS);
  p.timer.unref?.();
}

function run(sessionId: string, p: Pending): Promise<void> {
  const flushing = (p.running ?? Promise.resolve())
    .then(() => flush(sessionId, p))
    .catch((err: unknown) =>
      console.warn(
        "[live] coalesced update failed:",
        (err as Error).message,
        (err as { cause?: Error }).cause?.message ?? "",
      ),
    );
  p.running = flushing.finally(() => {
    if (p.running === flushing) p.running = null;
  });
  return p.running;
}

async function flush(sessionId: string, p: Pending): Promise<void> {
  const db = await getDb();
  const key = await db.transaction(async (tx) => {
    const drops = (await dropDtos(tx, sessionId)).filter((d) => d.status === "open" || d.unitsLeft >= 0);
    const units = Object.fromEntries(drops.map((d) => [d.id, d.unitsLeft]));
    const tick = await ticker(tx, sessionId);
    const key = JSON.stringify([units, tick]);
    if (key === p.last) return key;
    await appendEvent(tx, sessionId, "drop_units", { units });
    await appendEvent(tx, sessionId, "ticker", tick);
    return key;
  });
  // Remembered only once committed: a rolled-back flush must not make the next one think it was sent.
  p.last = key;
}

/** Tests: wait until every scheduled flush, and any under way, has run. */
export async function flushAllForTests(): Promise<void> {
  for (const [sessionId, p] of pending()) {
    if (p.timer) {
      clearTimeout(p.timer);
      p.timer = null;
      await run(sessionId, p);
    }
    await p.running;
  }
}
