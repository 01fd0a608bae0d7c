import "server-only";
import { and, eq } from "drizzle-orm";
import { recordAudit } from "../audit";
import { assertViewer, enforce } from "../auth";
import type { Viewer } from "../auth/contract";
import { now } from "../core/clock";
import { AppError } from "../core/errors";
import { newId } from "../core/ids";
import { getDb, schema as s } from "../db";
import type { AcceptInvitationInput, InvitationView } from "./contract";
import { hashLinkToken } from "./tokens";

type InvitationRow = typeof s.coopInvitations.$inferSelect;

function stateOf(inv: InvitationRow | undefined, at: Date): "invalid" | "revoked" | "used" | "expired" | "open" {
  if (!inv) return "invalid";
  if (inv.revokedAt) return "revoked";
  if (inv.acceptedAt) return "used";
  if (inv.expiresAt.getTime() <= at.getTime()) return "expired";
  return "open";
}

/** Whether the person signed in is the one invited: the same e-mail, or the same phone number. */
function isInvited(viewer: Viewer, identifier: string): boolean {
  return identifier.includes("@") ? viewer.email === identifier : viewer.phone === identifier;
}

/** "wangxiaomi@example.com" → "wa***@example.com"; "13812345678" → "138****5678". */
export function maskIdentifier(identifier: string): string {
  const at = identifier.indexOf("@");
  if (at >= 0) return `${identifier.slice(0, Math.min(2, at))}***${identifier.slice(at)}`;
  return `${identifier.slice(0, 3)}****${identifier.slice(-4)}`;
}

/** The invitation page: what the link offers, or why it no longer works. Reads only. */
export async function viewInvitation(viewer: Viewer | null, token: string): Promise<InvitationView> {
  if (!token) return { state: "invalid" };
  const db = await getDb();
  const [row] = await db
    .select({ inv: s.coopInvitations, nameZh: s.cooperatives.nameZh, nameEn: s.cooperatives.nameEn })
    .from(s.coopInvitations)
    .innerJoin(s.cooperatives, eq(s.cooperatives.id, s.coopInvitations.coopId))
    .where(eq(s.coopInvitations.tokenHash, hashLinkToken(token)));
  const state = stateOf(row?.inv, now());
  if (state !== "open") return { state };
  const inv = row!.inv;
  return {
    state,
    coopId: inv.coopId,
    coopNameZh: row!.nameZh,
    coopNameEn: row!.nameEn,
    role: inv.role,
    expiresAt: inv.expiresAt,
    forViewer: viewer ? isInvited(viewer, inv.identifier) : null,
    identifierHint: maskIdentifier(inv.identifier),
  };
}

const refused = (reason: string) =>
  new AppError("INVALID_STATE", `invitation ${reason}`, { fields: { token: [`invitation_${reason}`] } });

/**
 * The invited person accepts: the membership with the invitation's role, the invitation marked accepted and the
 * `membership.invite_accept` audit row, in one transaction. The invitation row is locked first, so the same link
 * used twice at once makes one membership. Expired, used, revoked, unknown, or for another account: refused with
 * its reason, nothing written.
 */
export async function acceptInvitation(
  viewer: Viewer | null,
  input: AcceptInvitationInput,
): Promise<{ coopId: string }> {
  assertViewer(viewer);
  await enforce(`invite-accept:user:${viewer.userId}`, { max: 20, windowSeconds: 900 }, "invitation attempts");
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [inv] = input.token
      ? await tx
          .select()
          .from(s.coopInvitations)
          .where(eq(s.coopInvitations.tokenHash, hashLinkToken(input.token)))
          .for("update")
      : [];
    const at = now();
    const state = stateOf(inv, at);
    if (state !== "open") throw refused(state);
    if (!isInvited(viewer, inv!.identifier))
      throw new AppError("FORBIDDEN", "invitation for another account", {
        fields: { token: ["invitation_other_account"] },
      });
    const [member] = await tx
      .select({ id: s.memberships.id })
      .from(s.memberships)
      .where(
        and(
          eq(s.memberships.userId, viewer.userId),
          eq(s.memberships.kind, "coop"),
          eq(s.memberships.scopeId, inv!.coopId),
        ),
      );
    if (member) throw new AppError("INVALID_STATE", "already a member", { fields: { token: ["already_member"] } });
    // Two invitations to one cooperative accepted at once: the unique (user, kind, scope) index lets one in.
    const [made] = await tx
      .insert(s.memberships)
      .values({ id: newId("mem"), userId: viewer.userId, kind: "coop", scopeId: inv!.coopId, role: inv!.role })
      .onConflictDoNothing()
      .returning({ id: s.memberships.id });
    if (!made) throw new AppError("INVALID_STATE", "already a member", { fields: { token: ["already_member"] } });
    const membershipId = made.id;
    await tx
      .update(s.coopInvitations)
      .set({ acceptedAt: at, acceptedBy: viewer.userId })
      .where(eq(s.coopInvitations.id, inv!.id));
    await recordAudit(tx, {
      actorId: viewer.userId,
      action: "membership.invite_accept",
      entityKind: "membership",
      entityId: membershipId,
      before: null,
      after: { userId: viewer.userId, coopId: inv!.coopId, role: inv!.role, invitationId: inv!.id },
    });
    return { coopId: inv!.coopId };
  });
}
