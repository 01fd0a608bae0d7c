import "server-only";
import { and, desc, eq, inArray, isNull } from "drizzle-orm";
import { assertAdmin, assertWorkspace, enforce } from "../auth";
import type { Viewer } from "../auth/contract";
import { AppError } from "../core/errors";
import { now } from "../core/clock";
import { newId } from "../core/ids";
import { getDb, schema as s, type DbOrTx } from "../db";
import {
  maskName,
  SNAPSHOT_COMMENTS,
  type CommentFiltersInput,
  type CommentIdInput,
  type LiveCommentDto,
  type PostCommentInput,
} from "./contract";
import { appendEvent } from "./events";

/** One comment per person every 2 s, counted in the shared database (every instance sees the same count). */
const COMMENT_LIMIT = { max: 1, windowSeconds: 2 };
export const PLATFORM_FILTERS = "platform";

/** A comment posted: what its author's screen shows at once; `shown` false when they are muted (only they see it). */
export interface PostedComment extends LiveCommentDto {
  shown: boolean;
}

const toDto = (c: { id: string; body: string; createdAt: Date }, name: string): LiveCommentDto => ({
  id: c.id,
  name: maskName(name),
  body: c.body,
  at: c.createdAt.toISOString(),
});

/** Lower-cased, without spaces: what the filter words are looked for in (so "加 微 信" is "加微信"). */
const normalized = (text: string) => text.toLowerCase().replace(/\s+/g, "");

/**
 * 弹幕: a signed-in viewer writes in a scheduled or live session. Refused: more than one per 2 s (RATE_LIMITED), a
 * word of the streamer's or the platform's filter list (VALIDATION body: blocked_word). A muted author's comment is
 * kept but reaches nobody else; everyone else's is a live event (durable, resumable, kept with the replay).
 */
export async function postComment(viewer: Viewer | null, input: PostCommentInput): Promise<PostedComment> {
  if (!viewer) throw new AppError("UNAUTHENTICATED", "sign in to comment");
  const db = await getDb();
  const [session] = await db
    .select({ status: s.liveSessions.status, streamerId: s.liveSessions.streamerId })
    .from(s.liveSessions)
    .where(eq(s.liveSessions.id, input.sessionId));
  if (!session || session.status === "cancelled") throw new AppError("NOT_FOUND", "session not found");
  if (session.status === "ended") throw new AppError("INVALID_STATE", "the session has ended");
  const words = await db
    .select({ word: s.liveCommentFilters.word })
    .from(s.liveCommentFilters)
    .where(inArray(s.liveCommentFilters.scope, [PLATFORM_FILTERS, session.streamerId]));
  const text = normalized(input.body);
  if (words.some((w) => text.includes(normalized(w.word))))
    throw new AppError("VALIDATION", "comment contains a filtered word", { fields: { body: ["blocked_word"] } });
  await enforce(`live-comment:${viewer.userId}`, COMMENT_LIMIT, "comments");
  return db.transaction(async (tx) => {
    const [muted] = await tx
      .select({ userId: s.liveMutes.userId })
      .from(s.liveMutes)
      .where(and(eq(s.liveMutes.sessionId, input.sessionId), eq(s.liveMutes.userId, viewer.userId)));
    const [row] = await tx
      .insert(s.liveComments)
      .values({
        id: newId("cmt"),
        sessionId: input.sessionId,
        userId: viewer.userId,
        body: input.body,
        shown: !muted,
        createdAt: now(),
      })
      .returning();
    const dto = toDto(row!, viewer.name);
    if (!muted) await appendEvent(tx, input.sessionId, "comment", { comment: dto });
    return { ...dto, shown: !muted };
  });
}

/** The session a comment is in, if the viewer may moderate it: its streamer, a featured cooperative's member, an admin. */
async function moderated(db: DbOrTx, viewer: Viewer | null, commentId: string) {
  if (!viewer) throw new AppError("UNAUTHENTICATED", "sign in");
  const [c] = await db
    .select({ comment: s.liveComments, streamerId: s.liveSessions.streamerId })
    .from(s.liveComments)
    .innerJoin(s.liveSessions, eq(s.liveSessions.id, s.liveComments.sessionId))
    .where(eq(s.liveComments.id, commentId));
  if (!c) throw new AppError("NOT_FOUND", "comment not found");
  if (viewer.caps.admin || (viewer.caps.streamer && c.streamerId === viewer.userId)) return c.comment;
  if (viewer.caps.coopIds.length) {
    const [featured] = await db
      .select({ coopId: s.liveSessionCoops.coopId })
      .from(s.liveSessionCoops)
      .where(
        and(
          eq(s.liveSessionCoops.sessionId, c.comment.sessionId),
          inArray(s.liveSessionCoops.coopId, viewer.caps.coopIds),
        ),
      );
    if (featured) return c.comment;
  }
  // Someone else's session's comment is as unknown as a comment that does not exist.
  throw new AppError("NOT_FOUND", "comment not found");
}

/** Removes a comment from every screen and from the replay (its row stays, with who and when). Twice is once. */
export async function deleteComment(viewer: Viewer | null, { commentId }: CommentIdInput): Promise<void> {
  const db = await getDb();
  await db.transaction(async (tx) => {
    const comment = await moderated(tx, viewer, commentId);
    const [deleted] = await tx
      .update(s.liveComments)
      .set({ deletedAt: now(), deletedBy: viewer!.userId })
      .where(and(eq(s.liveComments.id, commentId), isNull(s.liveComments.deletedAt)))
      .returning({ shown: s.liveComments.shown });
    if (deleted?.shown) await appendEvent(tx, comment.sessionId, "comment_deleted", { commentId });
  });
}

/** Mutes a comment's author for the rest of its session: what they write from now on only they see. Twice is once. */
export async function muteCommenter(viewer: Viewer | null, { commentId }: CommentIdInput): Promise<void> {
  const db = await getDb();
  await db.transaction(async (tx) => {
    const comment = await moderated(tx, viewer, commentId);
    await tx
      .insert(s.liveMutes)
      .values({ sessionId: comment.sessionId, userId: comment.userId, mutedBy: viewer!.userId })
      .onConflictDoNothing();
  });
}

/** Replaces a filter list: a streamer's own, or (an admin's) the platform's, which applies to every session. */
export async function setCommentFilters(
  viewer: Viewer | null,
  { words }: CommentFiltersInput,
  list: "own" | "platform",
): Promise<void> {
  if (list === "platform") assertAdmin(viewer);
  else assertWorkspace(viewer, "streamer");
  const scope = list === "platform" ? PLATFORM_FILTERS : viewer.userId;
  const db = await getDb();
  await db.transaction(async (tx) => {
    await tx.delete(s.liveCommentFilters).where(eq(s.liveCommentFilters.scope, scope));
    if (words.length) await tx.insert(s.liveCommentFilters).values(words.map((word) => ({ scope, word })));
  });
}

export async function commentFilters(scope: string): Promise<string[]> {
  const db = await getDb();
  const rows = await db
    .select({ word: s.liveCommentFilters.word })
    .from(s.liveCommentFilters)
    .where(eq(s.liveCommentFilters.scope, scope))
    .orderBy(s.liveCommentFilters.word);
  return rows.map((r) => r.word);
}

/** The latest comments everyone sees, oldest first, for a snapshot. */
export async function recentComments(db: DbOrTx, sessionId: string): Promise<LiveCommentDto[]> {
  const rows = await db
    .select({ c: s.liveComments, name: s.users.name })
    .from(s.liveComments)
    .innerJoin(s.users, eq(s.users.id, s.liveComments.userId))
    .where(
      and(eq(s.liveComments.sessionId, sessionId), eq(s.liveComments.shown, true), isNull(s.liveComments.deletedAt)),
    )
    .orderBy(desc(s.liveComments.createdAt), desc(s.liveComments.id))
    .limit(SNAPSHOT_COMMENTS);
  return rows.reverse().map((r) => toDto(r.c, r.name));
}
