import "server-only";
import { and, eq } from "drizzle-orm";
import { assertWorkspace } from "../auth";
import type { Viewer } from "../auth/contract";
import { AppError } from "../core/errors";
import { schema as s, type DbOrTx } from "../db";

export type SessionRow = typeof s.liveSessions.$inferSelect;

/** One of the viewer's own sessions (locked when asked); another streamer's answers NOT_FOUND. */
export async function ownSession(
  db: DbOrTx,
  viewer: Viewer | null,
  sessionId: string,
  lock = false,
): Promise<SessionRow> {
  assertWorkspace(viewer, "streamer");
  const q = db
    .select()
    .from(s.liveSessions)
    .where(and(eq(s.liveSessions.id, sessionId), eq(s.liveSessions.streamerId, viewer.userId)));
  const [row] = lock ? await q.for("update") : await q;
  if (!row) throw new AppError("NOT_FOUND", "session not found");
  return row;
}
