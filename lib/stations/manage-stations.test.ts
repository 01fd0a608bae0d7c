import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as s from "../db/schema";
import { createStation as seedStation } from "../db/seed/factories";
import { setupTestDb } from "../db/test-db";
import { membershipInput } from "../auth/contract";
import { grantMembership } from "../auth/memberships";
import { createViewer } from "../../tests/support/viewers";
import { createStation, setStationStatus, updateStation, updateStationHours } from "../../tests/support/forms/stations";

const t = setupTestDb();

const fields = {
  slug: "dayun-town",
  nameZh: "大云镇网联驿站",
  nameEn: "Dayun Station",
  townZh: "大云镇",
  townEn: "Dayun",
  addressZh: "嘉善县大云镇 1 号",
  addressEn: "1 Dayun Road",
  phone: "0573-84000001",
  opensAt: "08:00",
  closesAt: "20:00",
  cutoffTime: "21:30",
  lat: "30.8",
  lng: "121.0",
  pickupExpiryDays: "3",
};

describe("stations", () => {
  it("an admin opens, suspends and staffs a station; others cannot", async () => {
    const admin = await createViewer(t.db, { memberships: [{ kind: "admin" }] });
    const consumer = await createViewer(t.db);
    const { id } = await createStation(admin, fields);
    await expect(createStation(consumer, { ...fields, slug: "x-x" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(createStation(admin, fields)).rejects.toMatchObject({
      code: "CONFLICT",
      fields: { slug: ["slug_taken"] },
    });
    await setStationStatus(admin, { stationId: id, status: "suspended" });
    expect((await t.db.select().from(s.stations).where(eq(s.stations.id, id)))[0]?.status).toBe("suspended");
    await grantMembership(admin, membershipInput.parse({ email: consumer.email, kind: "station", scopeId: id }));
    const m = await t.db.select().from(s.memberships).where(eq(s.memberships.userId, consumer.userId));
    expect(m).toEqual([expect.objectContaining({ kind: "station", scopeId: id })]);
  });

  it("a manager edits hours and cutoff of their own station only", async () => {
    const mine = await seedStation(t.db);
    const other = await seedStation(t.db);
    const manager = await createViewer(t.db, { memberships: [{ kind: "station", scopeId: mine.id }] });
    await updateStationHours(manager, { stationId: mine.id, opensAt: "07:30", closesAt: "19:00", cutoffTime: "21:00" });
    expect((await t.db.select().from(s.stations).where(eq(s.stations.id, mine.id)))[0]).toMatchObject({
      opensAt: "07:30",
      cutoffTime: "21:00",
    });
    await expect(
      updateStationHours(manager, { stationId: other.id, opensAt: "07:30", closesAt: "19:00", cutoffTime: "21:00" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      updateStationHours(manager, { stationId: mine.id, opensAt: "25:00", closesAt: "19:00", cutoffTime: "21:00" }),
    ).rejects.toMatchObject({ name: "ZodError" });
    await expect(
      updateStationHours(manager, { stationId: mine.id, opensAt: "20:00", closesAt: "19:00", cutoffTime: "21:00" }),
    ).rejects.toMatchObject({ name: "ZodError" });
  });

  it.each([
    ["slug", "Bad Slug"],
    ["lat", "200"],
    ["phone", "call me"],
    ["pickupExpiryDays", "0"],
    ["cutoffTime", "22:60"],
  ])("bad %s → field error, nothing written", async (field, value) => {
    const admin = await createViewer(t.db, { memberships: [{ kind: "admin" }] });
    const before = (await t.db.select().from(s.stations)).length;
    const err = await createStation(admin, {
      ...fields,
      slug: `s-${Math.random().toString(36).slice(2, 7)}`,
      [field]: value,
    }).catch((e: unknown) => e);
    expect((err as { issues: { path: string[] }[] }).issues.map((i) => i.path[0])).toContain(field);
    expect((await t.db.select().from(s.stations)).length).toBe(before);
  });
});

describe("the station admin actions write one audit row each, before → after", () => {
  const auditOf = (id: string) =>
    t.db.select().from(s.auditLog).where(eq(s.auditLog.entityId, id)).orderBy(s.auditLog.id);

  it("create, update (only the fields that changed), suspend and reopen", async () => {
    const admin = await createViewer(t.db, { memberships: [{ kind: "admin" }] });
    const { id } = await createStation(admin, { ...fields, slug: "audit-town" });
    await updateStation(admin, {
      ...fields,
      slug: "audit-town",
      stationId: id,
      nameEn: "Audit Station",
      opensAt: "07:00",
    });
    await setStationStatus(admin, { stationId: id, status: "suspended" });
    await setStationStatus(admin, { stationId: id, status: "suspended" });
    await setStationStatus(admin, { stationId: id, status: "active" });
    const rows = await auditOf(id);
    expect(rows.map((r) => [r.actorId, r.action, r.entityKind])).toEqual([
      [admin.userId, "station.create", "station"],
      [admin.userId, "station.update", "station"],
      [admin.userId, "station.suspend", "station"],
      [admin.userId, "station.reactivate", "station"],
    ]);
    expect(rows[0]).toMatchObject({
      before: null,
      after: { slug: "audit-town", nameZh: "大云镇网联驿站", lat: 30.8, pickupExpiryDays: 3, cutoffTime: "21:30" },
    });
    expect(rows[1]).toMatchObject({
      before: { nameEn: "Dayun Station", opensAt: "08:00" },
      after: { nameEn: "Audit Station", opensAt: "07:00" },
    });
    expect(Object.keys(rows[1]!.after!).sort()).toEqual(["nameEn", "opensAt"]);
    expect(rows[2]).toMatchObject({ before: { status: "active" }, after: { status: "suspended" } });
    expect(rows[3]).toMatchObject({ before: { status: "suspended" }, after: { status: "active" } });
  });

  it("a refused call (not an admin, a taken slug) writes no audit row", async () => {
    const admin = await createViewer(t.db, { memberships: [{ kind: "admin" }] });
    const consumer = await createViewer(t.db);
    const station = await seedStation(t.db);
    await expect(setStationStatus(consumer, { stationId: station.id, status: "suspended" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await createStation(admin, { ...fields, slug: "audit-taken" });
    const before = (await t.db.select().from(s.auditLog)).length;
    await expect(createStation(admin, { ...fields, slug: "audit-taken" })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await auditOf(station.id)).toEqual([]);
    expect((await t.db.select().from(s.auditLog)).length).toBe(before);
  });
});
