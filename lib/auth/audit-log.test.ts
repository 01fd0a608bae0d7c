import { describe, expect, it } from "vitest";
import { recordAudit } from "../audit";
import { auditLogInput } from "../audit/contract";
import { setupTestDb } from "../db/test-db";
import { createViewer } from "../../tests/support/viewers";
import { auditLogCsv, listAuditLog, AUDIT_PAGE_SIZE } from "./audit-log";

const t = setupTestDb();
const f = (raw: Record<string, unknown>) => auditLogInput.parse(raw);

async function world() {
  const admin = await createViewer(t.db, { name: "审计管理员", memberships: [{ kind: "admin" }] });
  const other = await createViewer(t.db, { name: "=HYPERLINK(1)管理员", memberships: [{ kind: "admin" }] });
  const tag = Math.random().toString(36).slice(2, 8);
  await t.db.transaction(async (tx) => {
    for (let i = 0; i < AUDIT_PAGE_SIZE + 5; i++)
      await recordAudit(tx, {
        actorId: admin.userId,
        action: "station.update",
        entityKind: "station",
        entityId: `stn_${tag}_${i}`,
        before: { nameEn: `old ${i}` },
        after: { nameEn: `new ${i}` },
      });
    await recordAudit(tx, {
      actorId: other.userId,
      action: "user.suspend",
      entityKind: "user",
      entityId: `usr_${tag}`,
      before: { status: "active" },
      after: { status: "suspended" },
    });
  });
  return { admin, other, tag };
}

describe("the audit log page and its CSV", () => {
  it("pages newest first by keyset: 50 rows, then the rest, no row twice and none missing", async () => {
    const { admin, tag } = await world();
    const first = await listAuditLog(admin, f({ actor: admin.email, action: "station.update" }));
    expect(first.rows).toHaveLength(AUDIT_PAGE_SIZE);
    expect(first.rows[0]!.entityId).toBe(`stn_${tag}_54`);
    expect(first.rows.map((r) => r.id)).toEqual([...first.rows.map((r) => r.id)].sort((a, b) => b - a));
    expect(first.nextBefore).toBe(first.rows.at(-1)!.id);
    const second = await listAuditLog(admin, f({ actor: admin.email, before: String(first.nextBefore) }));
    expect(second.rows.map((r) => r.entityId)).toEqual([4, 3, 2, 1, 0].map((i) => `stn_${tag}_${i}`));
    expect(second.nextBefore).toBeNull();
    expect(second.rows[0]).toMatchObject({
      actorId: admin.userId,
      actorName: "审计管理员",
      action: "station.update",
      before: { nameEn: "old 4" },
      after: { nameEn: "new 4" },
    });
  });

  it("filters by actor (e-mail or id), action, entity kind and id, and date range (Asia/Shanghai days)", async () => {
    const { admin, other, tag } = await world();
    const byOther = await listAuditLog(admin, f({ actor: other.userId }));
    expect(byOther.rows.map((r) => [r.action, r.entityId])).toEqual([["user.suspend", `usr_${tag}`]]);
    expect((await listAuditLog(admin, f({ entityKind: "user", entityId: `usr_${tag}` }))).rows).toHaveLength(1);
    expect((await listAuditLog(admin, f({ action: "user.suspend", actor: admin.email }))).rows).toEqual([]);
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date());
    expect((await listAuditLog(admin, f({ actor: other.email, from: today, to: today }))).rows).toHaveLength(1);
    expect((await listAuditLog(admin, f({ actor: other.email, to: "2020-01-01" }))).rows).toEqual([]);
    // Blank form fields mean no filter; a malformed day or cursor is a validation error, not a 500.
    expect(f({ actor: "", action: "", from: "", before: "" })).toEqual({});
    expect(auditLogInput.safeParse({ from: "2026-02-30" }).success).toBe(false);
    expect(auditLogInput.safeParse({ before: "abc" }).success).toBe(false);
    expect(auditLogInput.safeParse({ action: "x'; drop" }).success).toBe(false);
    expect(auditLogInput.safeParse({ sort: "id" }).success).toBe(false);
  });

  it("the CSV holds the filtered rows with before → after as JSON; a name a spreadsheet would run is written as text", async () => {
    const { admin, other, tag } = await world();
    const csv = await auditLogCsv(admin, f({ actor: other.email }));
    const lines = csv.split("\r\n");
    expect(lines[0]).toBe("id,at,actor_id,actor_name,actor_email,action,entity_kind,entity_id,before,after");
    expect(lines).toHaveLength(3); // header, one row, the empty string after the last CRLF
    expect(lines[1]).toContain(
      `,${other.userId},'=HYPERLINK(1)管理员,${other.email},user.suspend,user,usr_${tag},"{""status"":""active""}","{""status"":""suspended""}"`,
    );
  });

  it("someone who is not an admin is refused (anonymous: UNAUTHENTICATED, others: NOT_FOUND)", async () => {
    const buyer = await createViewer(t.db);
    const coop = await createViewer(t.db, { memberships: [{ kind: "streamer" }] });
    await expect(listAuditLog(null, {})).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    await expect(listAuditLog(buyer, {})).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(auditLogCsv(coop, {})).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
