/**
 * A counter of changes to what the public pages show, shared on globalThis by Next's bundles and the Node entry:
 * a catalog write bumps it, and the entry's page cache (lib/system/page-cache.ts) renders a page again once the
 * counter has moved since the page was rendered — in this process at once, in other instances within the TTL.
 */
const g = globalThis as typeof globalThis & { __elianPublicPagesGeneration?: number };

export function publicPagesChanged(): void {
  g.__elianPublicPagesGeneration = (g.__elianPublicPagesGeneration ?? 0) + 1;
}

export function publicPagesGeneration(): number {
  return g.__elianPublicPagesGeneration ?? 0;
}
