import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { and, asc, eq, isNotNull, lte } from "drizzle-orm";
import { now } from "../core/clock";
import { getDb, schema as s, type Tx } from "../db";
import { env } from "../env";
import type { IngestCallback, IngestDecision } from "./contract";
import type { SessionRow } from "./own-session";
import { endSessionTx, startSessionTx } from "./sessions";

/** How far from its scheduled time a session may start streaming (rehearsals the day before are fine). */
const EARLY_MS = 24 * 3600_000;
const LATE_MS = 24 * 3600_000;

const sha256 = (v: string) => createHash("sha256").update(v).digest("hex");
function sameHash(a: string, b: string | null): boolean {
  if (!b || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

function log(decision: string, cb: IngestCallback, detail: string) {
  // A stream name that is not a session id may be a stream key: never write it to the log.
  const stream = /^live_[a-z0-9_]{1,40}$/.test(cb.stream) ? cb.stream : "(key)";
  console.warn(
    `[live-ingest] ${decision} ${cb.action} stream=${stream} client=${cb.clientId?.slice(0, 20) ?? "-"}: ${detail}`,
  );
}

/**
 * Finds the session a callback claims. Neither SRS nor nginx-rtmp signs its callbacks, so the stream key is
 * the credential: given as `token` with the session id as the stream name, or as the stream name itself
 * (nginx-rtmp keeps that name in publish_done and record_done after renaming the stream). The key's hash is
 * compared in constant time.
 */
async function sessionFor(tx: Tx, cb: IngestCallback): Promise<{ session: SessionRow; keyAsName: boolean } | null> {
  if (cb.token) {
    const [session] = await tx.select().from(s.liveSessions).where(eq(s.liveSessions.id, cb.stream)).for("update");
    return session && sameHash(sha256(cb.token), session.streamKeyHash) ? { session, keyAsName: false } : null;
  }
  const [session] = await tx
    .select()
    .from(s.liveSessions)
    .where(eq(s.liveSessions.streamKeyHash, sha256(cb.stream)))
    .for("update");
  return session ? { session, keyAsName: true } : null;
}

/** The connection the session's stream comes from now (or came from last): a callback without one is not it. */
const fromPublisher = (session: SessionRow, cb: IngestCallback) =>
  session.publishClientId !== null && cb.clientId !== null && session.publishClientId === cb.clientId;

/**
 * Applies a streaming server's callback. Every callback but a viewer's (play/stop) must carry the session's
 * stream key, as publish does. Publish with a valid key starts the session (or, within the grace after a drop,
 * keeps it live without a second "started"); unpublish from the current publisher starts the grace clock;
 * update refuses an ended session's publisher; a recording from the current (or last) publisher of a session
 * that went live becomes its replay. Every callback can arrive twice or out of order and still leave the
 * right state: one from an older connection is acknowledged and changes nothing.
 */
export async function handleIngestCallback(cb: IngestCallback): Promise<IngestDecision> {
  if (cb.action === "play" || cb.action === "stop") return { allow: true, sessionId: null };
  const db = await getDb();
  let graceStarted: string | null = null;
  const decision = await db.transaction(async (tx): Promise<IngestDecision> => {
    const at = now();
    const found = await sessionFor(tx, cb);
    if (!found) {
      log("refused", cb, "unknown stream key");
      return { allow: false, reason: "bad_key", status: 403 };
    }
    const { session, keyAsName } = found;
    if (cb.action === "publish" || cb.action === "update") {
      if (session.status === "ended" || session.status === "cancelled") {
        log("refused", cb, `session ${session.id} is ${session.status}`);
        return { allow: false, reason: "session_over", status: 403 };
      }
      if (cb.action === "update") return { allow: true, sessionId: session.id };
      const offset = at.getTime() - session.scheduledAt.getTime();
      if (session.status === "scheduled" && (offset < -EARLY_MS || offset > LATE_MS)) {
        log("refused", cb, `session ${session.id} is scheduled for ${session.scheduledAt.toISOString()}`);
        return { allow: false, reason: "outside_window", status: 403 };
      }
      if (session.status === "scheduled") await startSessionTx(tx, session, at);
      await tx
        .update(s.liveSessions)
        .set({ unpublishedAt: null, publishClientId: cb.clientId, updatedAt: at })
        .where(eq(s.liveSessions.id, session.id));
      // Published under the key itself: the server renames the stream to the session id (so playback URLs never show the key).
      return { allow: true, sessionId: session.id, ...(keyAsName ? { renameTo: session.id } : {}) };
    }
    if (!fromPublisher(session, cb)) {
      log("ignored", cb, `session ${session.id} is published by client ${session.publishClientId ?? "-"}`);
      return { allow: true, sessionId: session.id };
    }
    if (cb.action === "unpublish") {
      if (session.status === "live" && !session.unpublishedAt) {
        await tx
          .update(s.liveSessions)
          .set({ unpublishedAt: at, updatedAt: at })
          .where(eq(s.liveSessions.id, session.id));
        graceStarted = session.id;
      }
      return { allow: true, sessionId: session.id };
    }
    // record / hls
    if (!cb.recording) return { allow: true, sessionId: session.id };
    const replayUrl = replayUrlFor(cb.recording);
    if (!replayUrl) {
      log("refused", cb, `recording ${JSON.stringify(cb.recording.slice(0, 80))} is not a plain file name`);
      return { allow: false, reason: "bad_recording", status: 400 };
    }
    if (!session.startedAt) {
      log("ignored", cb, `session ${session.id} never went live`);
      return { allow: true, sessionId: session.id };
    }
    // SRS reports its playlist on every segment: write only when the replay actually changes.
    if (replayUrl !== session.replayUrl)
      await tx.update(s.liveSessions).set({ replayUrl, updatedAt: at }).where(eq(s.liveSessions.id, session.id));
    return { allow: true, sessionId: session.id };
  });
  if (graceStarted) endAtGrace(graceStarted);
  return decision;
}

// Per session, the timer that ends it when its grace runs out (this process's; the sweep is the fallback when the
// process is gone by then, or another instance took the callback).
const graceTimers = new Map<string, ReturnType<typeof setTimeout>>();

/**
 * Ends the session when the grace after its publisher left runs out — by a timer, not at the next sweep (which
 * could be a sweep interval later). A publisher back in time clears `unpublishedAt`, so the ending finds nothing.
 */
function endAtGrace(sessionId: string): void {
  clearTimeout(graceTimers.get(sessionId));
  const timer = setTimeout(
    () => {
      graceTimers.delete(sessionId);
      void getDb()
        .then((db) => db.transaction((tx) => endAbandonedSessions(tx, now())))
        .catch((err: unknown) =>
          console.warn(`[live] ending ${sessionId} at its grace failed (the sweep will):`, (err as Error).message),
        );
    },
    env().LIVE_UNPUBLISH_GRACE_SECONDS * 1000 + 50,
  );
  timer.unref?.();
  graceTimers.set(sessionId, timer);
}

/** A recording's file name: letters, digits, _ and -, dot-separated, ending in a format we serve. */
const RECORDING_NAME = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*\.(mp4|flv|m3u8)$/;

/**
 * A recording the server reports becomes the replay: only its file name counts, under LIVE_PLAYBACK_BASE for
 * an HLS playlist and LIVE_REPLAY_BASE for a recorded file. Browsers cannot play FLV, so an .flv recording is
 * expected remuxed beside it as .mp4 (deploy/nginx-rtmp does that with exec_record_done). A URL, a path that
 * climbs (`..`) or a name outside RECORDING_NAME gives null: it never becomes the replay.
 */
export function replayUrlFor(recording: string): string | null {
  if (/^[a-z][a-z0-9+.-]*:/i.test(recording) || recording.includes("\\")) return null;
  const parts = recording.split("/");
  if (parts.includes("..")) return null;
  const name = parts.at(-1) ?? "";
  if (!RECORDING_NAME.test(name)) return null;
  if (name.endsWith(".m3u8")) return `${env().LIVE_PLAYBACK_BASE.replace(/\/$/, "")}/${name}`;
  return `${env().LIVE_REPLAY_BASE.replace(/\/$/, "")}/${name.replace(/\.flv$/, ".mp4")}`;
}

/** The sweep: a session whose publisher has been gone longer than the grace period ends. */
export async function endAbandonedSessions(tx: Tx, at: Date): Promise<number> {
  const graceStart = new Date(at.getTime() - env().LIVE_UNPUBLISH_GRACE_SECONDS * 1000);
  const due = await tx
    .select()
    .from(s.liveSessions)
    .where(
      and(
        eq(s.liveSessions.status, "live"),
        isNotNull(s.liveSessions.unpublishedAt),
        lte(s.liveSessions.unpublishedAt, graceStart),
      ),
    )
    // In id order: each ending takes its session's event lock, and two sweeps taking them in different orders
    // could deadlock.
    .orderBy(asc(s.liveSessions.id))
    .limit(50)
    .for("update", { skipLocked: true });
  for (const session of due) await endSessionTx(tx, session, at);
  return due.length;
}
