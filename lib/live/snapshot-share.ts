import "server-only";
import { now } from "../core/clock";
import { notificationMark } from "./broadcaster";
import { frame } from "./sse-frame";
import { buildSnapshot } from "./snapshot";

/** A snapshot older than this is built afresh even when nothing happened (drops open and close by the clock). */
const MAX_AGE_MS = 1_000;

interface Shared {
  mark: string;
  at: number;
  built: Promise<{ bytes: Uint8Array; lastEventId: number } | null>;
}
const shared = new Map<string, Shared>();
const encoder = new TextEncoder();

/**
 * The snapshot frame for a viewer who has just subscribed, shared by every viewer of the session who connects
 * while nothing happens: a connect storm of 10,000 phones builds it a few times, not 10,000 times.
 *
 * Sharing is safe when the build's notification mark equals the joiner's, read after it subscribed: no event of
 * the session was heard between the build's start and the subscription, so every event the build may have missed
 * reaches the joiner live (and one it has, it drops by id).
 */
export function sharedSnapshot(sessionId: string): Shared["built"] {
  const mark = notificationMark(sessionId);
  const t = Date.now();
  const hit = shared.get(sessionId);
  if (hit && hit.mark === mark && t - hit.at < MAX_AGE_MS) return hit.built;
  const built = buildSnapshot(sessionId, now()).then((snapshot) =>
    snapshot
      ? { bytes: encoder.encode(frame(snapshot.lastEventId, "snapshot", snapshot)), lastEventId: snapshot.lastEventId }
      : null,
  );
  const entry: Shared = { mark, at: t, built };
  shared.set(sessionId, entry);
  const forget = () => {
    if (shared.get(sessionId) === entry) shared.delete(sessionId);
  };
  built.then((b) => (b ? setTimeout(forget, MAX_AGE_MS).unref?.() : forget()), forget);
  return built;
}
