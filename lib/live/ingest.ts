import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { and, eq, isNotNull, lte } from "drizzle-orm";
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
  console.warn(`[live-ingest] ${decision} ${cb.action} stream=${cb.stream.slice(0, 40)} client=${cb.clientId ?? "-"}: ${detail}`);
}

/**
 * Finds the session a publisher claims. Neither SRS nor nginx-rtmp signs its callbacks, so the stream key is
 * the credential: given as `token` with the session id as the stream name, or as the stream name itself.
 * The key's hash is compared in constant time.
 */
async function sessionFor(tx: Tx, cb: IngestCallback): Promise<{ session: SessionRow; keyAsName: boolean } | null> {
  if (cb.token) {
    const [session] = await tx.select().from(s.liveSessions).where(eq(s.liveSessions.id, cb.stream)).for("update");
    return session && sameHash(sha256(cb.token), session.streamKeyHash) ? { session, keyAsName: false } : null;
  }
  const [session] = await tx.select().from(s.liveSessions).where(eq(s.liveSessions.streamKeyHash, sha256(cb.stream))).for("update");
  return session ? { session, keyAsName: true } : null;
}

/**
 * Applies a streaming server's callback. Publish with a valid key starts the session (or, within the grace
 * after a drop, keeps it live without a second "started"); unpublish starts the grace clock; update
 * refuses an ended session's publisher. Every callback can arrive twice or out of order and still leave the
 * right state: only the current publisher (client id) can start the grace clock.
 */
export async function handleIngestCallback(cb: IngestCallback): Promise<IngestDecision> {
  if (cb.action === "play" || cb.action === "stop") return { allow: true, sessionId: null };
  const db = await getDb();
  return db.transaction(async (tx): Promise<IngestDecision> => {
    const at = now();
    if (cb.action === "publish" || cb.action === "update") {
      const found = await sessionFor(tx, cb);
      if (!found) {
        log("refused", cb, "unknown stream key");
        return { allow: false, reason: "bad_key" };
      }
      const { session, keyAsName } = found;
      if (session.status === "ended" || session.status === "cancelled") {
        log("refused", cb, `session ${session.id} is ${session.status}`);
        return { allow: false, reason: "session_over" };
      }
      if (cb.action === "update") return { allow: true, sessionId: session.id };
      const offset = at.getTime() - session.scheduledAt.getTime();
      if (session.status === "scheduled" && (offset < -EARLY_MS || offset > LATE_MS)) {
        log("refused", cb, `session ${session.id} is scheduled for ${session.scheduledAt.toISOString()}`);
        return { allow: false, reason: "outside_window" };
      }
      if (session.status === "scheduled") await startSessionTx(tx, session, at);
      await tx.update(s.liveSessions).set({ unpublishedAt: null, publishClientId: cb.clientId, updatedAt: at }).where(eq(s.liveSessions.id, session.id));
      // Published under the key itself: the server renames the stream to the session id (so playback URLs never show the key).
      return { allow: true, sessionId: session.id, ...(keyAsName ? { renameTo: session.id } : {}) };
    }
    const [session] = await tx.select().from(s.liveSessions).where(eq(s.liveSessions.id, cb.stream)).for("update");
    if (!session) return { allow: true, sessionId: null };
    if (cb.action === "unpublish") {
      const current = !session.publishClientId || !cb.clientId || session.publishClientId === cb.clientId;
      if (session.status === "live" && current && !session.unpublishedAt) {
        await tx.update(s.liveSessions).set({ unpublishedAt: at, updatedAt: at }).where(eq(s.liveSessions.id, session.id));
      }
      return { allow: true, sessionId: session.id };
    }
    if (cb.recording) await tx.update(s.liveSessions).set({ replayUrl: replayUrlFor(cb.recording, session.id), updatedAt: at }).where(eq(s.liveSessions.id, session.id));
    return { allow: true, sessionId: session.id };
  });
}

/**
 * A recording the server reports becomes the replay: a full URL as is, an HLS playlist under
 * LIVE_PLAYBACK_BASE, a recorded file under LIVE_REPLAY_BASE. Browsers cannot play FLV, so an .flv recording
 * is expected remuxed beside it as .mp4 (deploy/nginx-rtmp does that with exec_record_done).
 */
export function replayUrlFor(recording: string, sessionId: string): string {
  if (/^https?:\/\//.test(recording)) return recording;
  const name = recording.split("/").pop() || `${sessionId}.m3u8`;
  if (name.endsWith(".m3u8")) return `${env().LIVE_PLAYBACK_BASE.replace(/\/$/, "")}/${name}`;
  return `${env().LIVE_REPLAY_BASE.replace(/\/$/, "")}/${name.replace(/\.flv$/, ".mp4")}`;
}

/** The sweep: a session whose publisher has been gone longer than the grace period ends. */
export async function endAbandonedSessions(tx: Tx, at: Date): Promise<number> {
  const graceStart = new Date(at.getTime() - env().LIVE_UNPUBLISH_GRACE_SECONDS * 1000);
  const due = await tx
    .select()
    .from(s.liveSessions)
    .where(and(eq(s.liveSessions.status, "live"), isNotNull(s.liveSessions.unpublishedAt), lte(s.liveSessions.unpublishedAt, graceStart)))
    .limit(50)
    .for("update", { skipLocked: true });
  for (const session of due) await endSessionTx(tx, session, at);
  return due.length;
}

/** Hooks may be limited to the streaming servers' addresses (LIVE_HOOK_ALLOWED_IPS). */
export function hookAddressAllowed(address: string): boolean {
  const list = env().LIVE_HOOK_ALLOWED_IPS;
  if (!list) return true;
  return list.split(",").map((a) => a.trim()).includes(address);
}
