import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as s from "../db/schema";
import { createUser } from "../db/seed/factories";
import { setupTestDb } from "../db/test-db";
import { recordAudit } from "./record";

const t = setupTestDb();

describe("the audit log", () => {
  it("keeps who did what to which record, before → after", async () => {
    const admin = await createUser(t.db, { memberships: [{ kind: "admin" }] });
    await t.db.transaction((tx) =>
      recordAudit(tx, {
        actorId: admin.id,
        action: "station.suspend",
        entityKind: "station",
        entityId: "stn_x",
        before: { status: "active" },
        after: { status: "suspended" },
      }),
    );
    const rows = await t.db.select().from(s.auditLog).where(eq(s.auditLog.entityId, "stn_x"));
    expect(rows).toMatchObject([
      { actorId: admin.id, action: "station.suspend", before: { status: "active" }, after: { status: "suspended" } },
    ]);
  });

  it("has no way to change a row: UPDATE, DELETE and TRUNCATE are refused by the database", async () => {
    await t.db.transaction((tx) =>
      recordAudit(tx, { actorId: null, action: "seed.load", entityKind: "x", entityId: "1" }),
    );
    const before = await t.db.select().from(s.auditLog);
    await expect(
      t.db.update(s.auditLog).set({ action: "forged" }).where(eq(s.auditLog.entityId, "1")),
    ).rejects.toThrow();
    await expect(t.db.delete(s.auditLog).where(eq(s.auditLog.entityId, "1"))).rejects.toThrow();
    await expect(t.db.execute(sql`truncate audit_log`)).rejects.toThrow();
    expect(await t.db.select().from(s.auditLog)).toEqual(before);
  });
});
