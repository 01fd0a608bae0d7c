/**
 * How busy the process's database pool has been: connections in use and requests waiting for one, now and at the
 * most since the process started (the high-water marks). Kept on globalThis: the Node entry and Next's bundles
 * share one pool (lib/db/client.ts) and so one record. Printed by the entry when it stops.
 */
export interface PoolStats {
  max: number;
  inUse: number;
  waiting: number;
  highInUse: number;
  /** The most requests seen waiting while every connection was in use: 0 = never exhausted. */
  highWaiting: number;
}

const KEY = Symbol.for("elian.pool-stats");
const g = globalThis as typeof globalThis & { [KEY]?: PoolStats };

export function recordPoolSample(max: number, inUse: number, waiting: number): void {
  const s = (g[KEY] ??= { max, inUse: 0, waiting: 0, highInUse: 0, highWaiting: 0 });
  s.max = max;
  s.inUse = inUse;
  s.waiting = waiting;
  if (inUse > s.highInUse) s.highInUse = inUse;
  // Waiting while the pool is still opening connections is not exhaustion; waiting with all of them in use is.
  if (inUse >= max && waiting > s.highWaiting) s.highWaiting = waiting;
}

export function poolStats(): PoolStats | null {
  return g[KEY] ?? null;
}

export function resetPoolHighWater(): void {
  const s = g[KEY];
  if (s) Object.assign(s, { highInUse: s.inUse, highWaiting: s.waiting });
}
