import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as s from "../db/schema";
import { createCoop, createStation } from "../db/seed/factories";
import { setupTestDb } from "../db/test-db";
import { createViewer } from "../../tests/support/viewers";
import { setUserStatus } from "./account";
import { membershipInput } from "./contract";
import { grantMembership, revokeMembership } from "./memberships";

const t = setupTestDb();

const auditOf = (entityId: string) => t.db.select().from(s.auditLog).where(eq(s.auditLog.entityId, entityId));

describe("admin actions on people and capabilities write one audit row each, in their transaction", () => {
  it("granting a membership: membership.grant by the admin, null → the capability; granting it again writes nothing", async () => {
    const admin = await createViewer(t.db, { memberships: [{ kind: "admin" }] });
    const person = await createViewer(t.db);
    const station = await createStation(t.db);
    const input = membershipInput.parse({ email: person.email, kind: "station", scopeId: station.id });
    await grantMembership(admin, input);
    await grantMembership(admin, input);
    const [m] = await t.db.select().from(s.memberships).where(eq(s.memberships.userId, person.userId));
    expect(await auditOf(m!.id)).toMatchObject([
      {
        actorId: admin.userId,
        action: "membership.grant",
        entityKind: "membership",
        before: null,
        after: { userId: person.userId, kind: "station", scopeId: station.id, role: null },
      },
    ]);
  });

  it("a cooperative granted by the admin is run by its new member as an owner", async () => {
    const admin = await createViewer(t.db, { memberships: [{ kind: "admin" }] });
    const person = await createViewer(t.db);
    const coop = await createCoop(t.db);
    await grantMembership(admin, membershipInput.parse({ email: person.email, kind: "coop", scopeId: coop.id }));
    const [m] = await t.db.select().from(s.memberships).where(eq(s.memberships.userId, person.userId));
    expect(m).toMatchObject({ kind: "coop", scopeId: coop.id, role: "owner" });
    expect(await auditOf(m!.id)).toMatchObject([{ action: "membership.grant", after: { role: "owner" } }]);
  });

  it("revoking a membership: membership.revoke, the capability → null; a second revoke is NOT_FOUND and writes nothing", async () => {
    const admin = await createViewer(t.db, { memberships: [{ kind: "admin" }] });
    const person = await createViewer(t.db, { memberships: [{ kind: "streamer" }] });
    const [m] = await t.db.select().from(s.memberships).where(eq(s.memberships.userId, person.userId));
    await revokeMembership(admin, { id: m!.id });
    await expect(revokeMembership(admin, { id: m!.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await auditOf(m!.id)).toMatchObject([
      {
        actorId: admin.userId,
        action: "membership.revoke",
        entityKind: "membership",
        before: { userId: person.userId, kind: "streamer", scopeId: null, role: null },
        after: null,
      },
    ]);
  });

  it("a non-admin granting or revoking is refused and writes no audit row", async () => {
    const buyer = await createViewer(t.db);
    const person = await createViewer(t.db, { memberships: [{ kind: "streamer" }] });
    const [m] = await t.db.select().from(s.memberships).where(eq(s.memberships.userId, person.userId));
    await expect(
      grantMembership(buyer, membershipInput.parse({ email: person.email, kind: "admin" })),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(revokeMembership(buyer, { id: m!.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await auditOf(m!.id)).toEqual([]);
    expect(await t.db.select().from(s.auditLog).where(eq(s.auditLog.actorId, buyer.userId))).toEqual([]);
  });

  it("suspending then reactivating a person: user.suspend then user.reactivate, before → after; the same status again writes nothing", async () => {
    const admin = await createViewer(t.db, { memberships: [{ kind: "admin" }] });
    const person = await createViewer(t.db);
    await setUserStatus(admin, person.userId, "suspended");
    await setUserStatus(admin, person.userId, "suspended");
    await setUserStatus(admin, person.userId, "active");
    const rows = await t.db
      .select()
      .from(s.auditLog)
      .where(eq(s.auditLog.entityId, person.userId))
      .orderBy(s.auditLog.id);
    expect(rows).toMatchObject([
      {
        actorId: admin.userId,
        action: "user.suspend",
        entityKind: "user",
        before: { status: "active" },
        after: { status: "suspended" },
      },
      {
        actorId: admin.userId,
        action: "user.reactivate",
        entityKind: "user",
        before: { status: "suspended" },
        after: { status: "active" },
      },
    ]);
    expect(rows).toHaveLength(2);
  });
});
