import "server-only";
import { eq } from "drizzle-orm";
import { AppError } from "../core/errors";
import { now } from "../core/clock";
import { hashPassword, verifyPassword } from "../core/password";
import { recordAudit } from "../audit";
import { getDb, schema as s } from "../db";
import type { ChangePasswordInput, Viewer } from "./contract";
import { assertAdmin, assertViewer } from "./access";
import { enforce } from "./rate-limit";
import { revokeAllSessions } from "./sessions";

/** Changes the viewer's password and signs out every other session of theirs. */
export async function changePassword(viewer: Viewer | null, input: ChangePasswordInput): Promise<void> {
  assertViewer(viewer);
  await enforce(`password:user:${viewer.userId}`, { max: 10, windowSeconds: 900 }, "password changes");
  const db = await getDb();
  // Checking and hashing a password (argon2) takes a while: done before the transaction, which stays short.
  const [user] = await db.select().from(s.users).where(eq(s.users.id, viewer.userId));
  if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new AppError("VALIDATION", "current password is wrong", { fields: { currentPassword: ["invalid"] } });
  }
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await tx
      .update(s.users)
      .set({ passwordHash, passwordChangedAt: now(), updatedAt: now() })
      .where(eq(s.users.id, user.id));
    await revokeAllSessions(tx, user.id, "password_changed", viewer.sessionId);
  });
}

/**
 * Admin: suspend (revoking every session at once) or reactivate an account, with its `user.suspend` /
 * `user.reactivate` audit row in the same transaction. Asking for the status it has already changes nothing.
 */
export async function setUserStatus(
  viewer: Viewer | null,
  userId: string,
  status: "active" | "suspended",
): Promise<void> {
  assertAdmin(viewer);
  if (userId === viewer.userId) throw new AppError("INVALID_STATE", "admins cannot suspend themselves");
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [user] = await tx
      .select({ status: s.users.status })
      .from(s.users)
      .where(eq(s.users.id, userId))
      .for("update");
    if (!user) throw new AppError("NOT_FOUND", "user not found");
    if (user.status === status) return;
    await tx.update(s.users).set({ status, updatedAt: now() }).where(eq(s.users.id, userId));
    if (status === "suspended") await revokeAllSessions(tx, userId, "suspended");
    await recordAudit(tx, {
      actorId: viewer.userId,
      action: status === "suspended" ? "user.suspend" : "user.reactivate",
      entityKind: "user",
      entityId: userId,
      before: { status: user.status },
      after: { status },
    });
  });
}
