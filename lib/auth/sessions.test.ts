import { describe, expect, it } from "vitest";
import { createUser } from "../db/seed/factories";
import { setupTestDb } from "../db/test-db";
import { changePassword, setUserStatus } from "./account";
import { createSession, revokeSession, viewerForSession } from "./sessions";

const t = setupTestDb();

describe("server-side sessions", () => {
  it("carry capabilities from memberships", async () => {
    const u = await createUser(t.db, { memberships: [{ kind: "coop", scopeId: "coop_x" }, { kind: "streamer" }] });
    const sid = await createSession(u.id, {});
    const v = await viewerForSession(sid, u.id);
    expect(v?.caps).toEqual({ admin: false, streamer: true, coopIds: ["coop_x"], stationIds: [] });
  });

  it("sign-out revokes the session at once", async () => {
    const u = await createUser(t.db);
    const sid = await createSession(u.id, {});
    expect(await viewerForSession(sid, u.id)).not.toBeNull();
    await revokeSession(sid);
    expect(await viewerForSession(sid, u.id)).toBeNull();
  });

  it("a session id is bound to its user", async () => {
    const a = await createUser(t.db);
    const b = await createUser(t.db);
    const sid = await createSession(a.id, {});
    expect(await viewerForSession(sid, b.id)).toBeNull();
  });

  it("password change revokes the person's other sessions, not the current one", async () => {
    const u = await createUser(t.db, { password: "old password" });
    const here = await createSession(u.id, {});
    const elsewhere = await createSession(u.id, {});
    const viewer = (await viewerForSession(here, u.id))!;
    await changePassword(viewer, { currentPassword: "old password", newPassword: "new password 2" });
    expect(await viewerForSession(here, u.id)).not.toBeNull();
    expect(await viewerForSession(elsewhere, u.id)).toBeNull();
  });

  it("a wrong current password changes nothing", async () => {
    const u = await createUser(t.db, { password: "old password" });
    const sid = await createSession(u.id, {});
    const other = await createSession(u.id, {});
    const viewer = (await viewerForSession(sid, u.id))!;
    await expect(
      changePassword(viewer, { currentPassword: "nope", newPassword: "new password 2" }),
    ).rejects.toMatchObject({ code: "VALIDATION" });
    expect(await viewerForSession(other, u.id)).not.toBeNull();
  });

  it("admin suspension revokes every session of the person; only admins may suspend", async () => {
    const admin = await createUser(t.db, { memberships: [{ kind: "admin" }] });
    const adminViewer = (await viewerForSession(await createSession(admin.id, {}), admin.id))!;
    const u = await createUser(t.db);
    const s1 = await createSession(u.id, {});
    const s2 = await createSession(u.id, {});
    const userViewer = (await viewerForSession(s1, u.id))!;
    await expect(setUserStatus(userViewer, admin.id, "suspended")).rejects.toMatchObject({ code: "NOT_FOUND" });
    await setUserStatus(adminViewer, u.id, "suspended");
    expect(await viewerForSession(s1, u.id)).toBeNull();
    expect(await viewerForSession(s2, u.id)).toBeNull();
    await setUserStatus(adminViewer, u.id, "active");
    expect(await viewerForSession(s1, u.id)).toBeNull(); // reactivation does not resurrect old sessions
  });
});
