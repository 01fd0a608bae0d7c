import "server-only";
import { and, asc, eq, gt, isNull, or } from "drizzle-orm";
import { recordAudit } from "../audit";
import { assertViewer, enforce } from "../auth";
import type { Viewer } from "../auth/contract";
import { now } from "../core/clock";
import { AppError } from "../core/errors";
import { newId } from "../core/ids";
import { getDb, schema as s, type DbOrTx, type Tx } from "../db";
import { sendEmailNow } from "../events";
import {
  INVITATION_HOURS,
  type ChangeMemberRoleInput,
  type CoopMemberRole,
  type CoopTeamDto,
  type InviteMemberInput,
  type LeaveCoopInput,
  type RemoveMemberInput,
  type RevokeInvitationInput,
} from "./contract";
import { invitationEmail } from "./emails";
import { absoluteLink, newLinkToken } from "./tokens";

/** A membership written before roles existed, or granted by an admin without one, manages nothing: staff. */
export const roleOf = (role: string | null): CoopMemberRole => (role === "owner" ? "owner" : "staff");

interface TeamRow {
  id: string;
  userId: string;
  role: CoopMemberRole;
}

/** The viewer's session says they belong to the cooperative; someone else's cooperative is NOT_FOUND. */
function assertInCoop(viewer: Viewer | null, coopId: string): asserts viewer is Viewer {
  assertViewer(viewer);
  if (!viewer.caps.coopIds.includes(coopId)) throw new AppError("NOT_FOUND", "cooperative not found");
}

/**
 * The cooperative's team, every membership row locked (in id order, so two changes never deadlock). Every
 * change to the team takes these locks first: two owners removing or demoting each other at once are serialised,
 * and the second sees the first's result — so the "at least one owner" rule holds under concurrency.
 */
async function lockTeam(tx: Tx, coopId: string): Promise<TeamRow[]> {
  const rows = await tx
    .select({ id: s.memberships.id, userId: s.memberships.userId, role: s.memberships.role })
    .from(s.memberships)
    .where(and(eq(s.memberships.kind, "coop"), eq(s.memberships.scopeId, coopId)))
    .orderBy(asc(s.memberships.id))
    .for("update");
  return rows.map((r) => ({ ...r, role: roleOf(r.role) }));
}

/** The viewer's own row, read now (not from the session): removed since → NOT_FOUND; staff → FORBIDDEN. */
function ownerOrThrow(team: TeamRow[], viewer: Viewer): TeamRow {
  const me = team.find((m) => m.userId === viewer.userId);
  if (!me) throw new AppError("NOT_FOUND", "cooperative not found");
  if (me.role !== "owner")
    throw new AppError("FORBIDDEN", "only owners manage the team", { fields: { _: ["owner_only"] } });
  return me;
}

const owners = (team: TeamRow[]) => team.filter((m) => m.role === "owner").length;
const lastOwner = (field: string) =>
  new AppError("INVALID_STATE", "a cooperative keeps at least one owner", { fields: { [field]: ["last_owner"] } });

/** The team page: the members with their roles and, for owners, the pending invitations. */
export async function getCoopTeam(viewer: Viewer | null, coopId: string): Promise<CoopTeamDto> {
  assertInCoop(viewer, coopId);
  const db = await getDb();
  const members = await db
    .select({
      userId: s.users.id,
      name: s.users.name,
      email: s.users.email,
      phone: s.users.phone,
      role: s.memberships.role,
      joinedAt: s.memberships.createdAt,
    })
    .from(s.memberships)
    .innerJoin(s.users, eq(s.users.id, s.memberships.userId))
    .where(and(eq(s.memberships.kind, "coop"), eq(s.memberships.scopeId, coopId)))
    .orderBy(asc(s.memberships.createdAt), asc(s.memberships.id));
  const me = members.find((m) => m.userId === viewer.userId);
  if (!me) throw new AppError("NOT_FOUND", "cooperative not found");
  const viewerRole = roleOf(me.role);
  const invitations = viewerRole === "owner" ? await pendingInvitations(db, coopId) : [];
  return {
    coopId,
    viewerRole,
    members: members.map((m) => ({ ...m, role: roleOf(m.role), isViewer: m.userId === viewer.userId })),
    invitations,
  };
}

async function pendingInvitations(db: DbOrTx, coopId: string) {
  return db
    .select({
      id: s.coopInvitations.id,
      identifier: s.coopInvitations.identifier,
      role: s.coopInvitations.role,
      expiresAt: s.coopInvitations.expiresAt,
      createdAt: s.coopInvitations.createdAt,
    })
    .from(s.coopInvitations)
    .where(
      and(
        eq(s.coopInvitations.coopId, coopId),
        isNull(s.coopInvitations.acceptedAt),
        isNull(s.coopInvitations.revokedAt),
        gt(s.coopInvitations.expiresAt, now()),
      ),
    )
    .orderBy(asc(s.coopInvitations.createdAt), asc(s.coopInvitations.id));
}

/**
 * An owner invites a person by e-mail or phone. The link (`/invite/<token>`) is returned once, to be shown and
 * copied; only the token's sha256 is stored. A newer invitation for the same person replaces a pending one. For an
 * e-mail the link is also sent there — after the commit, never with the transaction open; a failed send is
 * reported (`emailed: false`), the link still works.
 */
export async function inviteMember(
  viewer: Viewer | null,
  input: InviteMemberInput,
  origin: string,
): Promise<{ invitationId: string; link: string; emailed: boolean }> {
  assertInCoop(viewer, input.coopId);
  await enforce(`invite:user:${viewer.userId}`, { max: 30, windowSeconds: 3600 }, "invitations");
  const { token, hash } = newLinkToken();
  const at = now();
  const db = await getDb();
  const { invitationId, coop } = await db.transaction(async (tx) => {
    const team = await lockTeam(tx, input.coopId);
    ownerOrThrow(team, viewer);
    const [existing] = await tx
      .select({ id: s.users.id })
      .from(s.users)
      .where(or(eq(s.users.email, input.identifier), eq(s.users.phone, input.identifier)));
    if (existing && team.some((m) => m.userId === existing.id))
      throw new AppError("CONFLICT", "already a member", { fields: { identifier: ["already_member"] } });
    await tx
      .update(s.coopInvitations)
      .set({ revokedAt: at })
      .where(
        and(
          eq(s.coopInvitations.coopId, input.coopId),
          eq(s.coopInvitations.identifier, input.identifier),
          isNull(s.coopInvitations.acceptedAt),
          isNull(s.coopInvitations.revokedAt),
        ),
      );
    const id = newId("inv");
    const expiresAt = new Date(at.getTime() + INVITATION_HOURS * 3600_000);
    await tx.insert(s.coopInvitations).values({
      id,
      coopId: input.coopId,
      invitedBy: viewer.userId,
      identifier: input.identifier,
      role: input.role,
      tokenHash: hash,
      expiresAt,
    });
    await recordAudit(tx, {
      actorId: viewer.userId,
      action: "membership.invite",
      entityKind: "coop_invitation",
      entityId: id,
      before: null,
      after: {
        coopId: input.coopId,
        identifier: input.identifier,
        role: input.role,
        expiresAt: expiresAt.toISOString(),
      },
    });
    const [c] = await tx
      .select({ nameZh: s.cooperatives.nameZh, nameEn: s.cooperatives.nameEn })
      .from(s.cooperatives)
      .where(eq(s.cooperatives.id, input.coopId));
    return { invitationId: id, coop: c! };
  });
  const link = absoluteLink(origin, `/invite/${token}`);
  let emailed = false;
  if (input.identifier.includes("@")) {
    // After the commit: the SMTP server's answer never holds the team's locks.
    const mail = invitationEmail(input.identifier, {
      coopZh: coop.nameZh,
      coopEn: coop.nameEn,
      inviter: viewer.name,
      role: input.role,
      link,
    });
    emailed = await sendEmailNow(mail).then(
      (r) => r === "sent",
      (err: unknown) => {
        console.warn("[invite] e-mail not sent:", (err as Error).message);
        return false;
      },
    );
  }
  return { invitationId, link, emailed };
}

/** An owner withdraws a pending invitation: its link stops working at once. */
export async function revokeInvitation(viewer: Viewer | null, input: RevokeInvitationInput): Promise<void> {
  assertInCoop(viewer, input.coopId);
  const db = await getDb();
  await db.transaction(async (tx) => {
    ownerOrThrow(await lockTeam(tx, input.coopId), viewer);
    const [inv] = await tx
      .select()
      .from(s.coopInvitations)
      .where(and(eq(s.coopInvitations.id, input.invitationId), eq(s.coopInvitations.coopId, input.coopId)))
      .for("update");
    if (!inv) throw new AppError("NOT_FOUND", "invitation not found");
    if (inv.acceptedAt) throw new AppError("INVALID_STATE", "already accepted", { fields: { _: ["invitation_used"] } });
    if (inv.revokedAt) return; // revoked already: the same outcome, nothing more to write
    await tx.update(s.coopInvitations).set({ revokedAt: now() }).where(eq(s.coopInvitations.id, inv.id));
    await recordAudit(tx, {
      actorId: viewer.userId,
      action: "membership.invite_revoke",
      entityKind: "coop_invitation",
      entityId: inv.id,
      before: { identifier: inv.identifier, role: inv.role, status: "pending" },
      after: { identifier: inv.identifier, role: inv.role, status: "revoked" },
    });
  });
}

/** An owner makes a member owner or staff. The last owner cannot be made staff. */
export async function changeMemberRole(viewer: Viewer | null, input: ChangeMemberRoleInput): Promise<void> {
  assertInCoop(viewer, input.coopId);
  const db = await getDb();
  await db.transaction(async (tx) => {
    const team = await lockTeam(tx, input.coopId);
    ownerOrThrow(team, viewer);
    const target = team.find((m) => m.userId === input.userId);
    if (!target) throw new AppError("NOT_FOUND", "member not found");
    if (target.role === input.role) return;
    if (target.role === "owner" && owners(team) <= 1) throw lastOwner("role");
    await tx.update(s.memberships).set({ role: input.role }).where(eq(s.memberships.id, target.id));
    await recordAudit(tx, {
      actorId: viewer.userId,
      action: "membership.role_change",
      entityKind: "membership",
      entityId: target.id,
      before: { userId: target.userId, coopId: input.coopId, role: target.role },
      after: { userId: target.userId, coopId: input.coopId, role: input.role },
    });
  });
}

/**
 * An owner removes a member (themselves included, while another owner remains). The membership row goes; the
 * person's capabilities are read from memberships on every request, so their next request has no access.
 */
export async function removeMember(viewer: Viewer | null, input: RemoveMemberInput): Promise<void> {
  assertInCoop(viewer, input.coopId);
  const db = await getDb();
  await db.transaction(async (tx) => {
    const team = await lockTeam(tx, input.coopId);
    ownerOrThrow(team, viewer);
    const target = team.find((m) => m.userId === input.userId);
    if (!target) throw new AppError("NOT_FOUND", "member not found");
    await deleteMembership(tx, team, target, viewer.userId, input.coopId);
  });
}

/** A member (owner or staff) leaves the team; the last owner cannot. */
export async function leaveCoop(viewer: Viewer | null, input: LeaveCoopInput): Promise<void> {
  assertInCoop(viewer, input.coopId);
  const db = await getDb();
  await db.transaction(async (tx) => {
    const team = await lockTeam(tx, input.coopId);
    const me = team.find((m) => m.userId === viewer.userId);
    if (!me) throw new AppError("NOT_FOUND", "cooperative not found");
    await deleteMembership(tx, team, me, viewer.userId, input.coopId);
  });
}

async function deleteMembership(tx: Tx, team: TeamRow[], target: TeamRow, actorId: string, coopId: string) {
  if (target.role === "owner" && owners(team) <= 1) throw lastOwner("_");
  await tx.delete(s.memberships).where(eq(s.memberships.id, target.id));
  await recordAudit(tx, {
    actorId,
    action: "membership.remove",
    entityKind: "membership",
    entityId: target.id,
    before: { userId: target.userId, coopId, role: target.role },
    after: null,
  });
}
