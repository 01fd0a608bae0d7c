import "server-only";
import { eq } from "drizzle-orm";
import { AppError } from "../core/errors";
import { newId } from "../core/ids";
import { recordAudit } from "../audit";
import { getDb, schema as s } from "../db";
import type { MembershipInput, RevokeMembershipInput, Viewer } from "./contract";
import { assertAdmin } from "./access";

/**
 * Admin: gives a person a capability (manager of a station, member of a cooperative, streamer, admin).
 * Takes effect on their next request: capabilities are read from memberships every time. A grant that exists
 * already changes nothing and writes no audit row; a new one writes `membership.grant` in its transaction.
 */
export async function grantMembership(viewer: Viewer | null, input: MembershipInput): Promise<void> {
  assertAdmin(viewer);
  const scoped = input.kind === "coop" || input.kind === "station";
  if (scoped !== Boolean(input.scopeId))
    throw new AppError("VALIDATION", "scope mismatch", { fields: { scopeId: ["required"] } });
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [user] = await tx.select({ id: s.users.id }).from(s.users).where(eq(s.users.email, input.email));
    if (!user) throw new AppError("VALIDATION", "no such account", { fields: { email: ["unknown_account"] } });
    if (
      input.kind === "station" &&
      !(await tx.select({ id: s.stations.id }).from(s.stations).where(eq(s.stations.id, input.scopeId!))).length
    ) {
      throw new AppError("VALIDATION", "unknown station", { fields: { scopeId: ["unknown_station"] } });
    }
    if (
      input.kind === "coop" &&
      !(await tx.select({ id: s.cooperatives.id }).from(s.cooperatives).where(eq(s.cooperatives.id, input.scopeId!)))
        .length
    ) {
      throw new AppError("VALIDATION", "unknown cooperative", { fields: { scopeId: ["invalid"] } });
    }
    const [made] = await tx
      .insert(s.memberships)
      .values({
        id: newId("mem"),
        userId: user.id,
        kind: input.kind,
        scopeId: input.scopeId ?? null,
        // The admin hands a cooperative to someone to run: an owner, who can then invite staff.
        role: input.kind === "coop" ? "owner" : null,
      })
      .onConflictDoNothing()
      .returning();
    if (made)
      await recordAudit(tx, {
        actorId: viewer.userId,
        action: "membership.grant",
        entityKind: "membership",
        entityId: made.id,
        before: null,
        after: { userId: made.userId, kind: made.kind, scopeId: made.scopeId, role: made.role },
      });
  });
}

/** Admin: takes a capability away, at once, with its `membership.revoke` audit row in the same transaction. */
export async function revokeMembership(viewer: Viewer | null, { id }: RevokeMembershipInput): Promise<void> {
  assertAdmin(viewer);
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [gone] = await tx.delete(s.memberships).where(eq(s.memberships.id, id)).returning();
    if (!gone) throw new AppError("NOT_FOUND", "membership not found");
    await recordAudit(tx, {
      actorId: viewer.userId,
      action: "membership.revoke",
      entityKind: "membership",
      entityId: gone.id,
      before: { userId: gone.userId, kind: gone.kind, scopeId: gone.scopeId, role: gone.role },
      after: null,
    });
  });
}

/** Admin: the managers of each station. */
export async function listStationManagers(
  viewer: Viewer | null,
): Promise<{ id: string; stationId: string; name: string; email: string | null }[]> {
  assertAdmin(viewer);
  const db = await getDb();
  const rows = await db
    .select({ id: s.memberships.id, stationId: s.memberships.scopeId, name: s.users.name, email: s.users.email })
    .from(s.memberships)
    .innerJoin(s.users, eq(s.users.id, s.memberships.userId))
    .where(eq(s.memberships.kind, "station"));
  return rows.map((r) => ({ ...r, stationId: r.stationId ?? "" }));
}
