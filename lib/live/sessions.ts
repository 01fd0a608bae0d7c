import "server-only";
import { createHash } from "node:crypto";
import { and, eq, inArray, isNull } from "drizzle-orm";
import { assertWorkspace } from "../auth";
import type { Viewer } from "../auth/contract";
import { AppError } from "../core/errors";
import { now } from "../core/clock";
import { newId, newSecret } from "../core/ids";
import { getDb, schema as s, type Tx } from "../db";
import { env } from "../env";
import { notify } from "../events";
import { localInputInstant } from "../stations/contract";
import type { CreateSessionInput, ReplayInput, SessionIdInput, UpdateSessionInput } from "./contract";
import { closeDropsWhere } from "./drop-stock";
import { appendEvent } from "./events";
import { ownSession, type SessionRow } from "./own-session";
import { sessionMachine } from "./state";

export const hashStreamKey = (key: string) => createHash("sha256").update(key).digest("hex");

async function assertCoops(tx: Tx, coopIds: string[]) {
  if (!coopIds.length) return;
  const found = await tx
    .select({ id: s.cooperatives.id })
    .from(s.cooperatives)
    .where(and(inArray(s.cooperatives.id, coopIds), eq(s.cooperatives.status, "approved")));
  if (found.length !== new Set(coopIds).size)
    throw new AppError("VALIDATION", "unknown cooperative", { fields: { coopIds: ["invalid"] } });
}

/**
 * The contract (client-safe, so it cannot read the environment) lets a streamer type http:// on loopback, for
 * a streaming server on their own machine; a production server takes https:// only.
 */
function assertStreamerUrls(urls: Record<string, string | undefined>): void {
  if (env().NODE_ENV !== "production") return;
  const bad = Object.keys(urls).filter((k) => urls[k] && new URL(urls[k]).protocol !== "https:");
  if (bad.length)
    throw new AppError("VALIDATION", "http URL in production", {
      fields: Object.fromEntries(bad.map((k) => [k, ["invalid_url"]])),
    });
}

/** A streamer schedules a session. */
export async function createSession(viewer: Viewer | null, input: CreateSessionInput): Promise<{ id: string }> {
  assertWorkspace(viewer, "streamer");
  assertStreamerUrls({ externalPlaybackUrl: input.externalPlaybackUrl });
  const db = await getDb();
  const id = newId("live");
  await db.transaction(async (tx) => {
    await assertCoops(tx, input.coopIds);
    await tx.insert(s.liveSessions).values({
      id,
      streamerId: viewer.userId,
      title: input.title,
      description: input.description,
      scheduledAt: localInputInstant(input.scheduledAt),
      externalPlaybackUrl: input.externalPlaybackUrl || null,
      coverImagePath: input.coverImagePath ?? "/images/live/cover-hudun.svg",
    });
    if (input.coopIds.length)
      await tx
        .insert(s.liveSessionCoops)
        .values([...new Set(input.coopIds)].map((coopId) => ({ sessionId: id, coopId })));
  });
  return { id };
}

export async function updateSession(viewer: Viewer | null, input: UpdateSessionInput): Promise<void> {
  assertStreamerUrls({ externalPlaybackUrl: input.externalPlaybackUrl });
  const db = await getDb();
  await db.transaction(async (tx) => {
    const session = await ownSession(tx, viewer, input.sessionId, true);
    if (session.status === "ended" || session.status === "cancelled")
      throw new AppError("INVALID_STATE", `session is ${session.status}`);
    await assertCoops(tx, input.coopIds);
    await tx
      .update(s.liveSessions)
      .set({
        title: input.title,
        description: input.description,
        scheduledAt: localInputInstant(input.scheduledAt),
        externalPlaybackUrl: input.externalPlaybackUrl || null,
        ...(input.coverImagePath ? { coverImagePath: input.coverImagePath } : {}),
        updatedAt: now(),
      })
      .where(eq(s.liveSessions.id, session.id));
    await tx.delete(s.liveSessionCoops).where(eq(s.liveSessionCoops.sessionId, session.id));
    if (input.coopIds.length)
      await tx
        .insert(s.liveSessionCoops)
        .values([...new Set(input.coopIds)].map((coopId) => ({ sessionId: session.id, coopId })));
  });
}

export async function cancelSession(viewer: Viewer | null, { sessionId }: SessionIdInput): Promise<void> {
  const db = await getDb();
  await db.transaction(async (tx) => {
    const session = await ownSession(tx, viewer, sessionId, true);
    sessionMachine.assert(session.status, "cancelled");
    await tx
      .update(s.liveSessions)
      .set({ status: "cancelled", updatedAt: now() })
      .where(eq(s.liveSessions.id, session.id));
  });
}

/** A new stream key, shown once; only its hash is kept (the old key stops working at once). */
export async function regenerateStreamKey(
  viewer: Viewer | null,
  { sessionId }: SessionIdInput,
): Promise<{ streamKey: string }> {
  const db = await getDb();
  const streamKey = newSecret("lk_");
  await db.transaction(async (tx) => {
    const session = await ownSession(tx, viewer, sessionId, true);
    if (session.status === "ended" || session.status === "cancelled")
      throw new AppError("INVALID_STATE", `session is ${session.status}`);
    await tx
      .update(s.liveSessions)
      .set({ streamKeyHash: hashStreamKey(streamKey), streamKeyHint: streamKey.slice(-4), updatedAt: now() })
      .where(eq(s.liveSessions.id, session.id));
  });
  return { streamKey };
}

/** scheduled → live: writes session_started and tells everyone who asked to be reminded (once). */
export async function startSessionTx(tx: Tx, session: SessionRow, at: Date): Promise<void> {
  sessionMachine.assert(session.status, "live");
  await tx
    .update(s.liveSessions)
    .set({ status: "live", startedAt: at, unpublishedAt: null, updatedAt: at })
    .where(eq(s.liveSessions.id, session.id));
  await appendEvent(tx, session.id, "session_started", { startedAt: at.toISOString() });
  const reminders = await tx
    .select({ userId: s.liveReminders.userId })
    .from(s.liveReminders)
    .where(eq(s.liveReminders.sessionId, session.id));
  for (const r of reminders) {
    await notify(tx, {
      userId: r.userId,
      kind: "live_started",
      params: { title: session.title },
      link: `/live/${session.id}`,
      dedupeKey: `live_started:${session.id}:${r.userId}`,
    });
  }
}

/** live → ended: open drops close (their unsold units back to the stock), the pin is released (its timeline entry closed), session_ended is written. */
export async function endSessionTx(tx: Tx, session: SessionRow, at: Date): Promise<void> {
  sessionMachine.assert(session.status, "ended");
  await tx
    .update(s.liveSessions)
    .set({ status: "ended", endedAt: at, pinnedProductId: null, updatedAt: at })
    .where(eq(s.liveSessions.id, session.id));
  await tx
    .update(s.livePins)
    .set({ unpinnedAt: at })
    .where(and(eq(s.livePins.sessionId, session.id), isNull(s.livePins.unpinnedAt)));
  await closeDropsWhere(tx, eq(s.liveDrops.sessionId, session.id), at);
  await appendEvent(tx, session.id, "session_ended", { endedAt: at.toISOString() });
}

/** The streamer goes live by hand (the ingest hooks do the same when the stream starts). */
export async function goLive(viewer: Viewer | null, { sessionId }: SessionIdInput): Promise<void> {
  const db = await getDb();
  await db.transaction(async (tx) => startSessionTx(tx, await ownSession(tx, viewer, sessionId, true), now()));
}

export async function endSession(viewer: Viewer | null, { sessionId }: SessionIdInput): Promise<void> {
  const db = await getDb();
  await db.transaction(async (tx) => endSessionTx(tx, await ownSession(tx, viewer, sessionId, true), now()));
}

/** The replay's address (a recording on a video host, or the streaming server's archive). */
export async function setReplayUrl(viewer: Viewer | null, input: ReplayInput): Promise<void> {
  assertStreamerUrls({ replayUrl: input.replayUrl });
  const db = await getDb();
  await db.transaction(async (tx) => {
    const session = await ownSession(tx, viewer, input.sessionId, true);
    await tx
      .update(s.liveSessions)
      .set({ replayUrl: input.replayUrl, updatedAt: now() })
      .where(eq(s.liveSessions.id, session.id));
  });
}

/** 预约: a signed-in viewer asks to be told when a scheduled session goes live. */
export async function remindMe(viewer: Viewer | null, { sessionId }: SessionIdInput): Promise<void> {
  if (!viewer) throw new AppError("UNAUTHENTICATED", "sign in to be reminded");
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [session] = await tx
      .select({ status: s.liveSessions.status })
      .from(s.liveSessions)
      .where(eq(s.liveSessions.id, sessionId));
    if (!session) throw new AppError("NOT_FOUND", "session not found");
    if (session.status !== "scheduled") throw new AppError("INVALID_STATE", `session is ${session.status}`);
    await tx.insert(s.liveReminders).values({ sessionId, userId: viewer.userId }).onConflictDoNothing();
  });
}
