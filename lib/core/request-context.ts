import { AsyncLocalStorage } from "node:async_hooks";

/**
 * What the Node entry (server.ts) knows about the request being served, shared with the app through one
 * AsyncLocalStorage on globalThis (server.ts and Next's bundles load this file as separate module copies).
 */
export interface RequestContext {
  /** Set when the database could not be reached while serving: the entry answers 503 + Retry-After. */
  unavailable: boolean;
}

/** The header server.ts overwrites on every request with the socket's peer address. */
export const PEER_HEADER = "x-elian-peer";

interface Shared {
  store: AsyncLocalStorage<RequestContext>;
  /** True only in a process started by server.ts: otherwise the peer header came from the client. */
  peerHeaderTrusted: boolean;
  /** When a database call last failed for want of a connection (ms since epoch); 0 = never. */
  lastDbOutageAt: number;
}

const KEY = Symbol.for("elian.request-context");
const g = globalThis as typeof globalThis & { [KEY]?: Shared };
const shared = (): Shared =>
  (g[KEY] ??= { store: new AsyncLocalStorage(), peerHeaderTrusted: false, lastDbOutageAt: 0 });

export function runWithRequestContext<T>(fn: () => T): T {
  return shared().store.run({ unavailable: false }, fn);
}

export function currentRequestContext(): RequestContext | undefined {
  return shared().store.getStore();
}

/** Called wherever a database outage is noticed, so the response becomes 503 rather than 500. */
export function markDatabaseUnavailable(): void {
  shared().lastDbOutageAt = Date.now();
  const ctx = currentRequestContext();
  if (ctx) ctx.unavailable = true;
}

/** Whether this request met a database outage. */
export function requestMetOutage(): boolean {
  return Boolean(currentRequestContext()?.unavailable);
}

/** Whether any request met a database outage in the last `withinMs` (for a 500 whose cause went unmarked). */
export function databaseRecentlyUnavailable(withinMs = 5_000): boolean {
  return Date.now() - shared().lastDbOutageAt < withinMs;
}

export function trustPeerHeader(trusted = true): void {
  shared().peerHeaderTrusted = trusted;
}

export function peerHeaderTrusted(): boolean {
  return shared().peerHeaderTrusted;
}
