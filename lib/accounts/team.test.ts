import { and, asc, count, eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import type { Viewer } from "../auth/contract";
import { createSession, viewerForSession } from "../auth/sessions";
import { setClockForTests } from "../core/clock";
import * as s from "../db/schema";
import { createCoop, createUser } from "../db/seed/factories";
import { setupTestDb, testDriver } from "../db/test-db";
import { linkIn, setupSmtpServer } from "../../tests/support/smtp";
import { acceptInvitationInput, inviteMemberInput } from "./contract";
import { acceptInvitation as accept, maskIdentifier, viewInvitation } from "./invitations";
import {
  changeMemberRole,
  getCoopTeam,
  inviteMember as invite,
  leaveCoop,
  removeMember,
  revokeInvitation,
} from "./team";

const t = setupTestDb({ poolSize: 12 });
const smtp = setupSmtpServer();
const ORIGIN = "https://shop.example.com";
afterEach(() => setClockForTests(null));

// As the actions call them: the form parsed by its contract at the transport first.
const inviteMember = (v: Viewer | null, raw: Record<string, unknown>) =>
  invite(v, inviteMemberInput.parse(raw), ORIGIN);
const acceptInvitation = (v: Viewer | null, token: string) => accept(v, acceptInvitationInput.parse({ token }));
const tokenOf = (link: string) => link.split("/invite/")[1]!;

let seq = 0;
/** A person with a live session, and the Viewer their next request sees (capabilities read from the database). */
async function person(opts: { coopId?: string; role?: "owner" | "staff"; email?: string; phone?: string } = {}) {
  const n = `${Date.now().toString(36)}${(seq++).toString(36)}`;
  const user = await createUser(t.db, {
    email: opts.email ?? `p${n}@example.com`,
    phone: opts.phone ?? null,
    name: `成员${n}`,
    memberships: opts.coopId ? [{ kind: "coop", scopeId: opts.coopId, role: opts.role ?? "owner" }] : [],
  });
  const sessionId = await createSession(user.id, {});
  return { user, sessionId, viewer: async () => (await viewerForSession(sessionId, user.id))! };
}

async function roles(coopId: string) {
  return t.db
    .select({ userId: s.memberships.userId, role: s.memberships.role })
    .from(s.memberships)
    .where(and(eq(s.memberships.kind, "coop"), eq(s.memberships.scopeId, coopId)))
    .orderBy(asc(s.memberships.createdAt), asc(s.memberships.id));
}
const auditActions = async (entityId: string) =>
  (await t.db.select().from(s.auditLog).where(eq(s.auditLog.entityId, entityId))).map((r) => r.action);
const tableCounts = async () => ({
  memberships: (await t.db.select({ n: count() }).from(s.memberships))[0]!.n,
  invitations: (await t.db.select({ n: count() }).from(s.coopInvitations))[0]!.n,
  audit: (await t.db.select({ n: count() }).from(s.auditLog))[0]!.n,
});

describe("inviting a member", () => {
  it("an owner invites by e-mail: the link is absolute and single-use, only its sha256 is stored, and it is e-mailed", async () => {
    const coop = await createCoop(t.db, { nameZh: "柳溪合作社", nameEn: "Liuxi Co-op" });
    const owner = await person({ coopId: coop.id });
    const before = smtp.mails.length;
    const out = await inviteMember(await owner.viewer(), {
      coopId: coop.id,
      identifier: "  New.Member@Example.com ",
      role: "staff",
    });
    expect(out.link).toMatch(/^https:\/\/shop\.example\.com\/invite\/[A-Za-z0-9_-]{43}$/);
    expect(out.emailed).toBe(true);
    const [row] = await t.db.select().from(s.coopInvitations).where(eq(s.coopInvitations.id, out.invitationId));
    expect(row).toMatchObject({ coopId: coop.id, identifier: "new.member@example.com", role: "staff" });
    expect(row!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(tokenOf(out.link));
    expect(row!.expiresAt.getTime() - row!.createdAt.getTime()).toBeGreaterThanOrEqual(72 * 3600_000 - 5_000);
    expect(row!.expiresAt.getTime() - row!.createdAt.getTime()).toBeLessThanOrEqual(72 * 3600_000 + 5_000);
    const mail = smtp.mails[before]!;
    expect(smtp.mails).toHaveLength(before + 1);
    expect(mail.to).toBe("new.member@example.com");
    expect(mail.text).toContain("柳溪合作社");
    expect(mail.text).toContain("Liuxi Co-op");
    expect(linkIn(mail, "/invite/")).toBe(out.link);
    expect(await auditActions(out.invitationId)).toEqual(["membership.invite"]);
  });

  it("by phone: the link is shown, nothing is e-mailed", async () => {
    const coop = await createCoop(t.db);
    const owner = await person({ coopId: coop.id });
    const before = smtp.mails.length;
    const out = await inviteMember(await owner.viewer(), {
      coopId: coop.id,
      identifier: "+86 139-0000-1111",
      role: "owner",
    });
    expect(out.emailed).toBe(false);
    expect(smtp.mails).toHaveLength(before);
    const [row] = await t.db.select().from(s.coopInvitations).where(eq(s.coopInvitations.id, out.invitationId));
    expect(row).toMatchObject({ identifier: "13900001111", role: "owner" });
  });

  it("a bad identifier or role is a field error; someone already on the team is refused; nothing written", async () => {
    const coop = await createCoop(t.db);
    const owner = await person({ coopId: coop.id });
    const staff = await person({ coopId: coop.id, role: "staff" });
    expect(() => inviteMemberInput.parse({ coopId: coop.id, identifier: "not an address", role: "staff" })).toThrow(
      /invalid_identifier/,
    );
    expect(() => inviteMemberInput.parse({ coopId: coop.id, identifier: "a@example.com", role: "admin" })).toThrow();
    const before = await tableCounts();
    await expect(
      inviteMember(await owner.viewer(), { coopId: coop.id, identifier: staff.user.email!, role: "owner" }),
    ).rejects.toMatchObject({ code: "CONFLICT", fields: { identifier: ["already_member"] } });
    expect(await tableCounts()).toEqual(before);
  });

  it("staff cannot invite, revoke, change roles or remove; another cooperative's member gets NOT_FOUND", async () => {
    const coop = await createCoop(t.db);
    const owner = await person({ coopId: coop.id });
    const staff = await person({ coopId: coop.id, role: "staff" });
    const stranger = await person({ coopId: (await createCoop(t.db)).id });
    const pending = await inviteMember(await owner.viewer(), {
      coopId: coop.id,
      identifier: "pending@example.com",
      role: "staff",
    });
    const before = await tableCounts();
    const asStaff = await staff.viewer();
    const forbidden = { code: "FORBIDDEN", fields: { _: ["owner_only"] } };
    await expect(
      inviteMember(asStaff, { coopId: coop.id, identifier: "x@example.com", role: "owner" }),
    ).rejects.toMatchObject(forbidden);
    await expect(
      revokeInvitation(asStaff, { coopId: coop.id, invitationId: pending.invitationId }),
    ).rejects.toMatchObject(forbidden);
    await expect(
      changeMemberRole(asStaff, { coopId: coop.id, userId: staff.user.id, role: "owner" }),
    ).rejects.toMatchObject(forbidden);
    await expect(removeMember(asStaff, { coopId: coop.id, userId: owner.user.id })).rejects.toMatchObject(forbidden);
    const asStranger = await stranger.viewer();
    await expect(
      inviteMember(asStranger, { coopId: coop.id, identifier: "x@example.com", role: "owner" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(removeMember(asStranger, { coopId: coop.id, userId: staff.user.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(removeMember(null, { coopId: coop.id, userId: staff.user.id })).rejects.toMatchObject({
      code: "UNAUTHENTICATED",
    });
    expect(await tableCounts()).toEqual(before);
    // Staff see the team, without the pending invitations.
    const team = await getCoopTeam(asStaff, coop.id);
    expect(team.viewerRole).toBe("staff");
    expect(team.invitations).toEqual([]);
    expect(team.members.map((m) => [m.userId, m.role, m.isViewer])).toEqual([
      [owner.user.id, "owner", false],
      [staff.user.id, "staff", true],
    ]);
    expect((await getCoopTeam(await owner.viewer(), coop.id)).invitations.map((i) => i.identifier)).toEqual([
      "pending@example.com",
    ]);
  });
});

describe("accepting an invitation", () => {
  it("the invited person accepts: a membership with the role, the invitation used, the audit row; the link then says used", async () => {
    const coop = await createCoop(t.db);
    const owner = await person({ coopId: coop.id });
    const invitee = await person({ email: "invitee@example.com" });
    const { link, invitationId } = await inviteMember(await owner.viewer(), {
      coopId: coop.id,
      identifier: "INVITEE@example.com",
      role: "staff",
    });
    const token = tokenOf(link);
    const v = await invitee.viewer();
    expect(v.caps.coopIds).toEqual([]);
    expect(await viewInvitation(v, token)).toMatchObject({
      state: "open",
      coopId: coop.id,
      role: "staff",
      forViewer: true,
      identifierHint: "in***@example.com",
    });
    expect(await acceptInvitation(v, token)).toEqual({ coopId: coop.id });
    expect((await invitee.viewer()).caps.coopIds).toEqual([coop.id]);
    expect(await roles(coop.id)).toEqual([
      { userId: owner.user.id, role: "owner" },
      { userId: invitee.user.id, role: "staff" },
    ]);
    const [inv] = await t.db.select().from(s.coopInvitations).where(eq(s.coopInvitations.id, invitationId));
    expect(inv).toMatchObject({ acceptedBy: invitee.user.id });
    const [mem] = await t.db
      .select()
      .from(s.memberships)
      .where(and(eq(s.memberships.userId, invitee.user.id), eq(s.memberships.scopeId, coop.id)));
    const [audit] = await t.db.select().from(s.auditLog).where(eq(s.auditLog.entityId, mem!.id));
    expect(audit).toMatchObject({
      actorId: invitee.user.id,
      action: "membership.invite_accept",
      entityKind: "membership",
      before: null,
      after: { userId: invitee.user.id, coopId: coop.id, role: "staff", invitationId },
    });
    expect(await viewInvitation(v, token)).toEqual({ state: "used" });
  });

  it("reused: the second acceptance is refused, nothing written", async () => {
    const coop = await createCoop(t.db);
    const owner = await person({ coopId: coop.id });
    const invitee = await person({ phone: "13700002222" });
    const { link } = await inviteMember(await owner.viewer(), {
      coopId: coop.id,
      identifier: "13700002222",
      role: "owner",
    });
    await acceptInvitation(await invitee.viewer(), tokenOf(link));
    const before = await tableCounts();
    await expect(acceptInvitation(await invitee.viewer(), tokenOf(link))).rejects.toMatchObject({
      code: "INVALID_STATE",
      fields: { token: ["invitation_used"] },
    });
    expect(await tableCounts()).toEqual(before);
  });

  it("the same link accepted twice at once makes one membership", async () => {
    const coop = await createCoop(t.db);
    const owner = await person({ coopId: coop.id });
    const invitee = await person({ email: "twice@example.com" });
    const { link } = await inviteMember(await owner.viewer(), {
      coopId: coop.id,
      identifier: "twice@example.com",
      role: "staff",
    });
    const v = await invitee.viewer();
    const results = await Promise.allSettled([1, 2, 3].map(() => acceptInvitation(v, tokenOf(link))));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(
      results.flatMap((r) => (r.status === "rejected" ? [(r.reason as { fields?: unknown }).fields] : [])),
    ).toEqual([{ token: ["invitation_used"] }, { token: ["invitation_used"] }]);
    expect((await roles(coop.id)).filter((r) => r.userId === invitee.user.id)).toHaveLength(1);
  });

  it("expired after 72 hours: refused with its reason, nothing written", async () => {
    const coop = await createCoop(t.db);
    const owner = await person({ coopId: coop.id });
    const invitee = await person({ email: "late@example.com" });
    const start = new Date("2026-12-01T08:00:00Z");
    setClockForTests(start);
    const { link } = await inviteMember(await owner.viewer(), {
      coopId: coop.id,
      identifier: "late@example.com",
      role: "staff",
    });
    setClockForTests(new Date(start.getTime() + 72 * 3600_000 - 1000));
    expect(await viewInvitation(null, tokenOf(link))).toMatchObject({ state: "open", forViewer: null });
    setClockForTests(new Date(start.getTime() + 72 * 3600_000));
    expect(await viewInvitation(null, tokenOf(link))).toEqual({ state: "expired" });
    const before = await tableCounts();
    await expect(acceptInvitation(await invitee.viewer(), tokenOf(link))).rejects.toMatchObject({
      code: "INVALID_STATE",
      fields: { token: ["invitation_expired"] },
    });
    expect(await tableCounts()).toEqual(before);
  });

  it("for another account: refused with a clear reason, the invitation stays open for the right person", async () => {
    const coop = await createCoop(t.db);
    const owner = await person({ coopId: coop.id });
    const other = await person({ email: "someone.else@example.com", phone: "13600003333" });
    const { link } = await inviteMember(await owner.viewer(), {
      coopId: coop.id,
      identifier: "right.person@example.com",
      role: "owner",
    });
    const v = await other.viewer();
    expect(await viewInvitation(v, tokenOf(link))).toMatchObject({ state: "open", forViewer: false });
    const before = await tableCounts();
    await expect(acceptInvitation(v, tokenOf(link))).rejects.toMatchObject({
      code: "FORBIDDEN",
      fields: { token: ["invitation_other_account"] },
    });
    expect(await tableCounts()).toEqual(before);
    const right = await person({ email: "right.person@example.com" });
    await expect(acceptInvitation(await right.viewer(), tokenOf(link))).resolves.toEqual({ coopId: coop.id });
  });

  it("revoked by an owner: refused, nothing written; a newer invitation to the same person replaces the older", async () => {
    const coop = await createCoop(t.db);
    const owner = await person({ coopId: coop.id });
    const invitee = await person({ email: "revoked@example.com" });
    const first = await inviteMember(await owner.viewer(), {
      coopId: coop.id,
      identifier: "revoked@example.com",
      role: "staff",
    });
    await revokeInvitation(await owner.viewer(), { coopId: coop.id, invitationId: first.invitationId });
    await revokeInvitation(await owner.viewer(), { coopId: coop.id, invitationId: first.invitationId }); // again: no-op
    expect(await auditActions(first.invitationId)).toEqual(["membership.invite", "membership.invite_revoke"]);
    expect(await viewInvitation(null, tokenOf(first.link))).toEqual({ state: "revoked" });
    const before = await tableCounts();
    await expect(acceptInvitation(await invitee.viewer(), tokenOf(first.link))).rejects.toMatchObject({
      code: "INVALID_STATE",
      fields: { token: ["invitation_revoked"] },
    });
    expect(await tableCounts()).toEqual(before);

    const second = await inviteMember(await owner.viewer(), {
      coopId: coop.id,
      identifier: "revoked@example.com",
      role: "staff",
    });
    const third = await inviteMember(await owner.viewer(), {
      coopId: coop.id,
      identifier: "revoked@example.com",
      role: "owner",
    });
    expect(await viewInvitation(null, tokenOf(second.link))).toEqual({ state: "revoked" });
    expect((await getCoopTeam(await owner.viewer(), coop.id)).invitations.map((i) => [i.id, i.role])).toEqual([
      [third.invitationId, "owner"],
    ]);
    // Another cooperative's owner cannot revoke it.
    const elsewhere = await person({ coopId: (await createCoop(t.db)).id });
    await expect(
      revokeInvitation(await elsewhere.viewer(), { coopId: coop.id, invitationId: third.invitationId }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    // Accepted invitations cannot be revoked.
    await acceptInvitation(await invitee.viewer(), tokenOf(third.link));
    await expect(
      revokeInvitation(await owner.viewer(), { coopId: coop.id, invitationId: third.invitationId }),
    ).rejects.toMatchObject({ code: "INVALID_STATE", fields: { _: ["invitation_used"] } });
  });

  it("an unknown or malformed link: refused as invalid; anonymous: sign-in first", async () => {
    const v = await (await person()).viewer();
    for (const token of ["", "A".repeat(43), "short"]) {
      expect(await viewInvitation(v, token)).toEqual({ state: "invalid" });
      await expect(acceptInvitation(v, token)).rejects.toMatchObject({
        code: "INVALID_STATE",
        fields: { token: ["invitation_invalid"] },
      });
    }
    expect(() => acceptInvitationInput.parse({ token: "../../etc" })).toThrow();
    expect(() => acceptInvitationInput.parse({ token: "a".repeat(201) })).toThrow();
    await expect(acceptInvitation(null, "A".repeat(43))).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
  });

  it("masks the invited identifier", () => {
    expect(maskIdentifier("wangxiaomi@example.com")).toBe("wa***@example.com");
    expect(maskIdentifier("a@example.com")).toBe("a***@example.com");
    expect(maskIdentifier("13812345678")).toBe("138****5678");
  });
});

describe("roles and removal", () => {
  it("an owner changes a role (audited; asking for the same role writes nothing)", async () => {
    const coop = await createCoop(t.db);
    const owner = await person({ coopId: coop.id });
    const staff = await person({ coopId: coop.id, role: "staff" });
    await changeMemberRole(await owner.viewer(), { coopId: coop.id, userId: staff.user.id, role: "owner" });
    await changeMemberRole(await owner.viewer(), { coopId: coop.id, userId: staff.user.id, role: "owner" });
    expect(await roles(coop.id)).toEqual([
      { userId: owner.user.id, role: "owner" },
      { userId: staff.user.id, role: "owner" },
    ]);
    const rows = await t.db.select().from(s.auditLog).where(eq(s.auditLog.action, "membership.role_change"));
    expect(rows.filter((r) => (r.after as { userId?: string }).userId === staff.user.id)).toMatchObject([
      {
        actorId: owner.user.id,
        entityKind: "membership",
        before: { userId: staff.user.id, coopId: coop.id, role: "staff" },
        after: { userId: staff.user.id, coopId: coop.id, role: "owner" },
      },
    ]);
    await expect(
      changeMemberRole(await owner.viewer(), { coopId: coop.id, userId: "usr_nobody", role: "staff" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("removing a member ends their access on their next request; the removal is audited", async () => {
    const coop = await createCoop(t.db);
    const owner = await person({ coopId: coop.id });
    const staff = await person({ coopId: coop.id, role: "staff" });
    const stale = await staff.viewer(); // the request that was already running
    expect(stale.caps.coopIds).toEqual([coop.id]);
    await removeMember(await owner.viewer(), { coopId: coop.id, userId: staff.user.id });
    const next = await staff.viewer();
    expect(next).not.toBeNull();
    expect(next.caps.coopIds).toEqual([]);
    await expect(getCoopTeam(next, coop.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    // Even with the capabilities of a request that started before the removal, the team is re-read: refused.
    await expect(getCoopTeam(stale, coop.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(leaveCoop(stale, { coopId: coop.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const [row] = await t.db
      .select()
      .from(s.auditLog)
      .where(and(eq(s.auditLog.action, "membership.remove"), eq(s.auditLog.actorId, owner.user.id)));
    expect(row).toMatchObject({ before: { userId: staff.user.id, coopId: coop.id, role: "staff" }, after: null });
    expect(await roles(coop.id)).toEqual([{ userId: owner.user.id, role: "owner" }]);
  });

  it("the last owner cannot leave, be removed or be demoted; with a second owner they can", async () => {
    const coop = await createCoop(t.db);
    const owner = await person({ coopId: coop.id });
    const staff = await person({ coopId: coop.id, role: "staff" });
    const v = await owner.viewer();
    const before = await tableCounts();
    await expect(leaveCoop(v, { coopId: coop.id })).rejects.toMatchObject({
      code: "INVALID_STATE",
      fields: { _: ["last_owner"] },
    });
    await expect(removeMember(v, { coopId: coop.id, userId: owner.user.id })).rejects.toMatchObject({
      code: "INVALID_STATE",
      fields: { _: ["last_owner"] },
    });
    await expect(changeMemberRole(v, { coopId: coop.id, userId: owner.user.id, role: "staff" })).rejects.toMatchObject({
      code: "INVALID_STATE",
      fields: { role: ["last_owner"] },
    });
    expect(await tableCounts()).toEqual(before);
    // Staff may leave.
    await leaveCoop(await staff.viewer(), { coopId: coop.id });
    expect(await roles(coop.id)).toEqual([{ userId: owner.user.id, role: "owner" }]);
    // With a second owner, the first may step down and then leave.
    const second = await person({ coopId: coop.id, role: "owner" });
    await changeMemberRole(v, { coopId: coop.id, userId: owner.user.id, role: "staff" });
    await leaveCoop(await owner.viewer(), { coopId: coop.id });
    expect(await roles(coop.id)).toEqual([{ userId: second.user.id, role: "owner" }]);
  });

  it(`two owners removing (or demoting) each other at once leave exactly one owner (${testDriver()})`, async () => {
    for (const op of ["remove", "demote", "leave"] as const) {
      const coop = await createCoop(t.db);
      const a = await person({ coopId: coop.id });
      const b = await person({ coopId: coop.id });
      const [va, vb] = [await a.viewer(), await b.viewer()];
      const act = (me: Viewer, other: string) =>
        op === "remove"
          ? removeMember(me, { coopId: coop.id, userId: other })
          : op === "demote"
            ? changeMemberRole(me, { coopId: coop.id, userId: other, role: "staff" })
            : leaveCoop(me, { coopId: coop.id });
      const results = await Promise.allSettled([act(va, b.user.id), act(vb, a.user.id)]);
      expect(
        results.filter((r) => r.status === "fulfilled"),
        op,
      ).toHaveLength(1);
      const owners = (await roles(coop.id)).filter((r) => r.role === "owner");
      expect(owners, op).toHaveLength(1);
    }
  });
});
