import { LRUCache } from "lru-cache";

/**
 * A per-process memo for public catalog reads, bounded in time and in size. It keeps the promise, so
 * concurrent requests for the same key share one database read; a failed read is not remembered.
 *
 * lru-cache bounds the size (least recently used first out). The age is checked here rather than with
 * lru-cache's own `ttl`: that one counts an entry stale only once its age is *above* the TTL, reads its clock
 * through a 1 ms debounce and treats a start time of 0 as "never expires", which an injected test clock hits.
 */
export class ReadCache<V> {
  private readonly entries: LRUCache<string, { storedAt: number; value: Promise<V> }>;

  constructor(
    private readonly ttlMs: number,
    maxEntries: number,
    private readonly clock: () => number = Date.now,
  ) {
    this.entries = new LRUCache({ max: maxEntries });
  }

  get(key: string, load: () => Promise<V>): Promise<V> {
    const now = this.clock();
    // get() also marks the key as the most recently used.
    const hit = this.entries.get(key);
    if (hit && now - hit.storedAt < this.ttlMs) return hit.value;
    const entry = { storedAt: now, value: load() };
    this.entries.set(key, entry);
    entry.value.catch(() => {
      if (this.entries.peek(key) === entry) this.entries.delete(key);
    });
    return entry.value;
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
