import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "../auth/contract";
import { createSession, loadCapabilities, viewerForSession } from "../auth/sessions";
import * as s from "../db/schema";
import { setupTestDb } from "../db/test-db";
import { createViewer } from "../../tests/support/viewers";
import {
  coopApplicationInput,
  stationApplicationInput,
  streamerApplicationInput,
  type CoopApplicationInput,
} from "./contract";
import { documentRefFor } from "./documents";
import { getMyApplication, listApplicationsForAdmin, listMyApplications } from "./queries";
import { approveApplication, rejectApplication } from "./review-application";
import { setJoinedStatus } from "./set-joined-status";
import { applyAsCoop, applyAsStation, applyAsStreamer, withdrawApplication } from "./submit-application";

const t = setupTestDb();
let admin: Viewer;
beforeAll(async () => {
  admin = await createViewer(t.db, { name: "管理员", memberships: [{ kind: "admin" }] });
});

const doc = (n: number) => `/uploads/${String(n).padStart(24, "a")}.webp`;

function coopForm(viewer: Viewer, over: Record<string, unknown> = {}): CoopApplicationInput {
  return coopApplicationInput.parse({
    legalName: "大柳村丰产粮油合作社",
    uscc: "93330421MA2B3C4D11",
    townZh: "惠民街道",
    villageZh: "大柳村",
    contactName: "王大柳",
    contactPhone: "13800001111",
    description: "种植湖墩大米和菜籽油的合作社,三十户社员。",
    licence: documentRefFor(viewer.userId, doc(1)),
    photos: [documentRefFor(viewer.userId, doc(2)), documentRefFor(viewer.userId, doc(3))],
    categories: ["grain", "oil"],
    ...over,
  });
}
const streamerForm = (over: Record<string, unknown> = {}) =>
  streamerApplicationInput.parse({
    displayName: "稻香小王",
    bio: "在田埂上直播的新农人。",
    channelLinks: "https://live.douyin.com/123\nhttps://www.kuaishou.com/u/abc",
    interests: "大米、菜籽油",
    ...over,
  });
const stationForm = (over: Record<string, unknown> = {}) =>
  stationApplicationInput.parse({
    shopName: "惠民便利店",
    address: "惠民街道人民路 18 号",
    town: "惠民街道",
    phone: "0573-84601234",
    lat: "30.8712",
    lng: "120.9701",
    opensAt: "08:00",
    closesAt: "21:00",
    dailyCapacity: "120",
    ...over,
  });

async function capsOf(userId: string) {
  return loadCapabilities(t.db, userId);
}
const applications = (userId: string) => t.db.select().from(s.applications).where(eq(s.applications.userId, userId));
const audits = (entityId: string) =>
  t.db.select().from(s.auditLog).where(eq(s.auditLog.entityId, entityId)).orderBy(s.auditLog.id);

describe("applying as a cooperative", () => {
  it("files a pending application with the stored document paths; the applicant lists it", async () => {
    const v = await createViewer(t.db);
    const { id, revision } = await applyAsCoop(v, coopForm(v));
    expect(revision).toBe(1);
    const [row] = await applications(v.userId);
    expect(row).toMatchObject({ id, kind: "coop", status: "pending", revision: 1 });
    expect(row!.details).toMatchObject({ licence: doc(1), photos: [doc(2), doc(3)], uscc: "93330421MA2B3C4D11" });
    expect((await listMyApplications(v)).map((a) => a.id)).toEqual([id]);
  });

  it("refuses a second open application of the same kind, also when two race", async () => {
    const v = await createViewer(t.db);
    await applyAsCoop(v, coopForm(v));
    await expect(applyAsCoop(v, coopForm(v))).rejects.toMatchObject({ code: "CONFLICT" });
    const w = await createViewer(t.db);
    const results = await Promise.allSettled([applyAsCoop(w, coopForm(w)), applyAsCoop(w, coopForm(w))]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect((results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason).toMatchObject({
      code: "CONFLICT",
      fields: { _: ["application_open"] },
    });
    expect(await applications(w.userId)).toHaveLength(1);
  });

  it("refuses a document uploaded by someone else and writes nothing", async () => {
    const v = await createViewer(t.db);
    const other = await createViewer(t.db);
    await expect(applyAsCoop(v, coopForm(v, { licence: documentRefFor(other.userId, doc(9)) }))).rejects.toMatchObject({
      code: "VALIDATION",
      fields: { licence: ["invalid_document"] },
    });
    expect(await applications(v.userId)).toHaveLength(0);
  });

  it("refuses bad input at the contract: wrong USCC, too many photos, http links, closing before opening", () => {
    const v = { userId: "usr_x" } as Viewer;
    const fields = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
      Object.fromEntries(r.error!.issues.map((i) => [String(i.path[0]), i.message]));
    const base = coopForm(admin);
    const raw = { ...base, licence: documentRefFor(v.userId, doc(1)), photos: undefined };
    expect(fields(coopApplicationInput.safeParse({ ...raw, uscc: "93330421MA2B3C4D1O" }))).toEqual({
      uscc: "uscc_invalid_characters",
    });
    const seven = Array.from({ length: 7 }, (_, i) => documentRefFor(v.userId, doc(i + 10)));
    expect(fields(coopApplicationInput.safeParse({ ...raw, photos: seven }))).toEqual({ photos: "too_many" });
    expect(fields(coopApplicationInput.safeParse({ ...raw, categories: [] }))).toEqual({ categories: "required" });
    expect(
      fields(
        streamerApplicationInput.safeParse({ displayName: "a", bio: "b", interests: "c", channelLinks: "http://x.cn" }),
      ),
    ).toEqual({ channelLinks: "invalid_url" });
    expect(
      fields(
        stationApplicationInput.safeParse({
          shopName: "惠民店",
          address: "a",
          town: "b",
          phone: "13800001111",
          lat: "30",
          lng: "120",
          opensAt: "20:00",
          closesAt: "08:00",
          dailyCapacity: "0",
        }),
      ),
    ).toEqual({ closesAt: "close_before_open", dailyCapacity: "invalid" });
  });
});

describe("approving", () => {
  it("creates the cooperative (slug and English from pinyin), its owner, an audit row and a notification", async () => {
    const v = await createViewer(t.db);
    const { id } = await applyAsCoop(v, coopForm(v, { uscc: "93330421076543212P", legalName: "柿子湾果蔬合作社" }));
    const { resultId } = await approveApplication(admin, id);
    const [coop] = await t.db.select().from(s.cooperatives).where(eq(s.cooperatives.id, resultId));
    expect(coop).toMatchObject({
      slug: "shi-zi-wan-guo-shu-he-zuo-she",
      nameZh: "柿子湾果蔬合作社",
      nameEn: "Shi Zi Wan Guo Shu He Zuo She",
      villageEn: "Da Liu Cun",
      status: "approved",
      uscc: "93330421076543212P",
      categories: ["grain", "oil"],
      imagePath: doc(2),
    });
    const members = await t.db.select().from(s.memberships).where(eq(s.memberships.scopeId, resultId));
    expect(members).toMatchObject([{ userId: v.userId, kind: "coop", role: "owner" }]);
    expect((await capsOf(v.userId)).coopIds).toEqual([resultId]);
    expect(await audits(id)).toMatchObject([
      {
        actorId: admin.userId,
        action: "application.approve",
        before: { status: "pending" },
        after: { status: "approved", resultId, kind: "coop" },
      },
    ]);
    const notes = await t.db.select().from(s.notifications).where(eq(s.notifications.userId, v.userId));
    expect(notes).toMatchObject([
      { kind: "application_approved", params: { name: "柿子湾果蔬合作社" }, link: "/apply" },
    ]);
    expect((await getMyApplication(v, id)).status).toBe("approved");
  });

  it("refuses approving twice, or a withdrawn one, and creates nothing more; two concurrent approvals make one", async () => {
    const v = await createViewer(t.db);
    const { id } = await applyAsCoop(v, coopForm(v, { uscc: "91330100MA27XK8L43", legalName: "双溪合作社" }));
    const results = await Promise.allSettled([approveApplication(admin, id), approveApplication(admin, id)]);
    expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect((results.find((r) => r.status === "rejected") as PromiseRejectedResult).reason).toMatchObject({
      code: "INVALID_STATE",
    });
    await expect(approveApplication(admin, id)).rejects.toMatchObject({ code: "INVALID_STATE" });
    expect(await t.db.select().from(s.cooperatives).where(eq(s.cooperatives.nameZh, "双溪合作社"))).toHaveLength(1);
    expect(await audits(id)).toHaveLength(1);

    const w = await createViewer(t.db);
    const other = await applyAsStation(w, stationForm());
    await withdrawApplication(w, other.id);
    await expect(approveApplication(admin, other.id)).rejects.toMatchObject({ code: "INVALID_STATE" });
    expect(await t.db.select().from(s.memberships).where(eq(s.memberships.userId, w.userId))).toHaveLength(0);
  });

  it("refuses a USCC another cooperative already has, at approval and at application, and writes nothing", async () => {
    const a = await createViewer(t.db);
    const b = await createViewer(t.db);
    const uscc = "93330421MA28U1QY8C";
    const first = await applyAsCoop(a, coopForm(a, { uscc, legalName: "东港合作社" }));
    const second = await applyAsCoop(b, coopForm(b, { uscc, legalName: "西港合作社" }));
    await approveApplication(admin, first.id);
    await expect(approveApplication(admin, second.id)).rejects.toMatchObject({
      code: "CONFLICT",
      fields: { uscc: ["uscc_taken"] },
    });
    expect((await getMyApplication(b, second.id)).status).toBe("pending");
    expect(await t.db.select().from(s.cooperatives).where(eq(s.cooperatives.nameZh, "西港合作社"))).toHaveLength(0);
    expect(await t.db.select().from(s.memberships).where(eq(s.memberships.userId, b.userId))).toHaveLength(0);
    expect(await audits(second.id)).toHaveLength(0);
    const c = await createViewer(t.db);
    await expect(applyAsCoop(c, coopForm(c, { uscc }))).rejects.toMatchObject({
      code: "VALIDATION",
      fields: { uscc: ["uscc_taken"] },
    });
    expect(await applications(c.userId)).toHaveLength(0);
  });

  it("gives a station (active, bilingual) with its manager, and a streamer profile with the capability", async () => {
    const v = await createViewer(t.db);
    const st = await applyAsStation(v, stationForm());
    const { resultId: stationId } = await approveApplication(admin, st.id);
    const [station] = await t.db.select().from(s.stations).where(eq(s.stations.id, stationId));
    expect(station).toMatchObject({
      nameZh: "惠民便利店",
      nameEn: "Hui Min Bian Li Dian",
      townEn: "Hui Min Jie Dao",
      addressEn: "Hui Min Jie Dao Ren Min Lu 18 Hao",
      status: "active",
      dailyCapacity: 120,
      lat: 30.8712,
      opensAt: "08:00",
      closesAt: "21:00",
    });
    expect((await capsOf(v.userId)).stationIds).toEqual([stationId]);

    const sv = await createViewer(t.db);
    const app = await applyAsStreamer(sv, streamerForm());
    expect((await approveApplication(admin, app.id)).resultId).toBe(sv.userId);
    const [profile] = await t.db.select().from(s.streamerProfiles).where(eq(s.streamerProfiles.userId, sv.userId));
    expect(profile).toMatchObject({
      displayName: "稻香小王",
      channelLinks: ["https://live.douyin.com/123", "https://www.kuaishou.com/u/abc"],
      status: "active",
    });
    expect((await capsOf(sv.userId)).streamer).toBe(true);
  });

  it("is for admins only: a consumer is NOT_FOUND, anonymous UNAUTHENTICATED", async () => {
    const v = await createViewer(t.db);
    const { id } = await applyAsStreamer(v, streamerForm());
    await expect(approveApplication(v, id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(approveApplication(null, id)).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    await expect(rejectApplication(v, { applicationId: id, reason: "不行" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(listApplicationsForAdmin(v, {})).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await getMyApplication(v, id)).status).toBe("pending");
  });
});

describe("rejecting and resubmitting", () => {
  it("keeps the reason for the applicant, who corrects it in place (revision 2, pending again)", async () => {
    const v = await createViewer(t.db);
    const { id } = await applyAsStreamer(v, streamerForm());
    await rejectApplication(admin, { applicationId: id, reason: "请补充直播间链接" });
    const rejected = await getMyApplication(v, id);
    expect(rejected).toMatchObject({ status: "rejected", rejectReason: "请补充直播间链接", revision: 1 });
    expect(await audits(id)).toMatchObject([{ action: "application.reject", after: { status: "rejected" } }]);
    const [note] = await t.db.select().from(s.notifications).where(eq(s.notifications.userId, v.userId));
    expect(note).toMatchObject({ kind: "application_rejected", params: { reason: "请补充直播间链接" } });

    // still open: no new application of the kind beside it
    await expect(applyAsStreamer(v, streamerForm())).rejects.toMatchObject({ code: "CONFLICT" });
    const again = await applyAsStreamer(v, streamerForm({ applicationId: id, bio: "补充了链接" }));
    expect(again).toEqual({ id, revision: 2 });
    expect(await getMyApplication(v, id)).toMatchObject({
      status: "pending",
      revision: 2,
      rejectReason: null,
      details: { bio: "补充了链接" },
    });
    expect(await applications(v.userId)).toHaveLength(1);
    // a pending one cannot be "resubmitted"
    await expect(applyAsStreamer(v, streamerForm({ applicationId: id }))).rejects.toMatchObject({
      code: "INVALID_STATE",
    });
    await approveApplication(admin, id);
  });

  it("refuses a reason-less rejection at the contract", async () => {
    const { rejectApplicationInput } = await import("./contract");
    expect(rejectApplicationInput.safeParse({ applicationId: "app_x", reason: " " }).success).toBe(false);
  });
});

describe("another person's application", () => {
  it("answers NOT_FOUND to reading, withdrawing and resubmitting it, and changes nothing", async () => {
    const owner = await createViewer(t.db);
    const stranger = await createViewer(t.db);
    const { id } = await applyAsStation(owner, stationForm());
    await expect(getMyApplication(stranger, id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(withdrawApplication(stranger, id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(applyAsStation(stranger, stationForm({ applicationId: id }))).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await getMyApplication(owner, id)).toMatchObject({ status: "pending", revision: 1 });
  });
});

describe("withdrawing", () => {
  it("ends a pending application; a new one of the kind may follow; approved ones cannot be withdrawn", async () => {
    const v = await createViewer(t.db);
    const first = await applyAsStation(v, stationForm());
    await withdrawApplication(v, first.id);
    expect((await getMyApplication(v, first.id)).status).toBe("withdrawn");
    await expect(withdrawApplication(v, first.id)).rejects.toMatchObject({ code: "INVALID_STATE" });
    const second = await applyAsStation(v, stationForm());
    await approveApplication(admin, second.id);
    await expect(withdrawApplication(v, second.id)).rejects.toMatchObject({ code: "INVALID_STATE" });
  });
});

describe("suspending what an approval created", () => {
  it("revokes each kind's capability on the next request and gives it back on reinstatement, with audit rows", async () => {
    const coopOwner = await createViewer(t.db);
    const coop = await approveApplication(
      admin,
      (await applyAsCoop(coopOwner, coopForm(coopOwner, { uscc: "12100000400007172J", legalName: "北港合作社" }))).id,
    );
    const manager = await createViewer(t.db);
    const station = await approveApplication(admin, (await applyAsStation(manager, stationForm())).id);
    const streamer = await createViewer(t.db);
    await approveApplication(admin, (await applyAsStreamer(streamer, streamerForm())).id);

    const cases = [
      { kind: "coop", id: coop.resultId, has: async () => (await capsOf(coopOwner.userId)).coopIds.length > 0 },
      { kind: "station", id: station.resultId, has: async () => (await capsOf(manager.userId)).stationIds.length > 0 },
      { kind: "streamer", id: streamer.userId, has: async () => (await capsOf(streamer.userId)).streamer },
    ] as const;
    for (const c of cases) {
      expect(await c.has()).toBe(true);
      await setJoinedStatus(admin, { kind: c.kind, id: c.id, status: "suspended" });
      expect(await c.has()).toBe(false);
      await expect(setJoinedStatus(admin, { kind: c.kind, id: c.id, status: "suspended" })).rejects.toMatchObject({
        code: "INVALID_STATE",
      });
      await setJoinedStatus(admin, { kind: c.kind, id: c.id, status: "active" });
      expect(await c.has()).toBe(true);
    }
    const [coopRow] = await t.db.select().from(s.cooperatives).where(eq(s.cooperatives.id, coop.resultId));
    expect(coopRow!.status).toBe("approved");
    expect(await audits(coop.resultId)).toMatchObject([
      { action: "cooperative.suspend", before: { status: "active" }, after: { status: "suspended" } },
      { action: "cooperative.reinstate", before: { status: "suspended" }, after: { status: "active" } },
    ]);
    expect((await audits(station.resultId)).map((a) => a.action)).toEqual(["station.suspend", "station.reinstate"]);
    const streamerAudits = await t.db
      .select()
      .from(s.auditLog)
      .where(and(eq(s.auditLog.entityKind, "streamer_profile"), eq(s.auditLog.entityId, streamer.userId)));
    expect(streamerAudits.map((a) => a.action)).toEqual(["streamer_profile.suspend", "streamer_profile.reinstate"]);
  });

  it("takes the workspace from a signed-in session on its next request", async () => {
    const owner = await createViewer(t.db);
    const { resultId } = await approveApplication(
      admin,
      (await applyAsCoop(owner, coopForm(owner, { uscc: "91110000600037341L", legalName: "南湾合作社" }))).id,
    );
    const sid = await createSession(owner.userId, {});
    expect((await viewerForSession(sid, owner.userId))!.caps.coopIds).toEqual([resultId]);
    await setJoinedStatus(admin, { kind: "coop", id: resultId, status: "suspended" });
    expect((await viewerForSession(sid, owner.userId))!.caps.coopIds).toEqual([]);
    await setJoinedStatus(admin, { kind: "coop", id: resultId, status: "active" });
    expect((await viewerForSession(sid, owner.userId))!.caps.coopIds).toEqual([resultId]);
  });

  it("is for admins only and answers NOT_FOUND for an unknown record", async () => {
    const v = await createViewer(t.db);
    await expect(setJoinedStatus(v, { kind: "station", id: "stn_x", status: "suspended" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(setJoinedStatus(admin, { kind: "coop", id: "coop_none", status: "suspended" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});
