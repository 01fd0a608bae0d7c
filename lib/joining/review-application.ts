import "server-only";
import { and, eq, like, or } from "drizzle-orm";
import { assertAdmin } from "../auth";
import type { Viewer } from "../auth/contract";
import { recordAudit } from "../audit";
import { now } from "../core/clock";
import { AppError } from "../core/errors";
import { newId, randomBase32 } from "../core/ids";
import { pinyinKeys } from "../core/pinyin";
import { getDb, isUniqueViolation, schema as s, type Tx } from "../db";
import { notify } from "../events";
import type {
  ApplicationBody,
  ApplicationKind,
  CoopDetails,
  RejectApplicationInput,
  StationDetails,
  StreamerDetails,
} from "./contract";
import { applicationTitle } from "./contract";
import { applicationMachine } from "./state";

type Row = typeof s.applications.$inferSelect;

/** 大柳村 → "Da Liu Cun": the English of a Chinese name where nothing else exists, from pinyin-pro. */
export function pinyinName(zh: string): string {
  const words = pinyinKeys(zh).syllables.split(" ").filter(Boolean);
  return words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join(" ") || zh;
}

/** A URL slug from the pinyin of a Chinese name: 丰产粮油合作社 → "feng-chan-liang-you-he-zuo-she". */
export function pinyinSlug(zh: string, fallback: string, max = 50): string {
  const slug = pinyinKeys(zh).syllables.split(" ").filter(Boolean).join("-").slice(0, max).replace(/-+$/, "");
  return slug.length >= 2 ? slug : fallback;
}

/** The first of slug, slug-2, slug-3… that no row of `table` uses (the unique index still has the last word). */
async function freeSlug(tx: Tx, table: typeof s.cooperatives | typeof s.stations, base: string): Promise<string> {
  const taken = new Set(
    (
      await tx
        .select({ slug: table.slug })
        .from(table)
        .where(or(eq(table.slug, base), like(table.slug, `${base}-%`)))
    ).map((r) => r.slug),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; n < 1000; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
  return `${base}-${randomBase32(6).toLowerCase()}`;
}

async function createCoop(tx: Tx, app: Row): Promise<string> {
  const d = app.details as CoopDetails;
  const id = newId("coop");
  await tx.insert(s.cooperatives).values({
    id,
    slug: await freeSlug(tx, s.cooperatives, pinyinSlug(d.legalName, "coop")),
    nameZh: d.legalName,
    nameEn: pinyinName(d.legalName),
    villageZh: d.villageZh,
    villageEn: pinyinName(d.villageZh),
    townZh: d.townZh,
    townEn: pinyinName(d.townZh),
    storyZh: d.description,
    phone: d.contactPhone,
    imagePath: d.photos[0] ?? null,
    uscc: d.uscc,
    contactName: d.contactName,
    categories: d.categories,
    status: "approved",
  });
  await tx
    .insert(s.memberships)
    .values({ id: newId("mem"), userId: app.userId, kind: "coop", scopeId: id, role: "owner" });
  return id;
}

async function createStreamer(tx: Tx, app: Row): Promise<string> {
  const d = app.details as StreamerDetails;
  const profile = { displayName: d.displayName, bio: d.bio, channelLinks: d.channelLinks, interests: d.interests };
  await tx
    .insert(s.streamerProfiles)
    .values({ userId: app.userId, ...profile })
    .onConflictDoUpdate({ target: s.streamerProfiles.userId, set: { ...profile, updatedAt: now() } });
  await tx
    .insert(s.memberships)
    .values({ id: newId("mem"), userId: app.userId, kind: "streamer", scopeId: null })
    .onConflictDoNothing();
  return app.userId;
}

async function createStation(tx: Tx, app: Row): Promise<string> {
  const d = app.details as StationDetails;
  const id = newId("stn");
  await tx.insert(s.stations).values({
    id,
    slug: await freeSlug(tx, s.stations, pinyinSlug(d.shopName, "station")),
    nameZh: d.shopName,
    nameEn: pinyinName(d.shopName),
    townZh: d.town,
    townEn: pinyinName(d.town),
    addressZh: d.address,
    addressEn: pinyinName(d.address),
    phone: d.phone,
    opensAt: d.opensAt,
    closesAt: d.closesAt,
    lat: d.lat,
    lng: d.lng,
    dailyCapacity: d.dailyCapacity,
    status: "active",
  });
  await tx.insert(s.memberships).values({ id: newId("mem"), userId: app.userId, kind: "station", scopeId: id });
  return id;
}

const creators: Record<ApplicationKind, (tx: Tx, app: Row) => Promise<string>> = {
  coop: createCoop,
  streamer: createStreamer,
  station: createStation,
};

/**
 * Takes the pending application for a decision: its row locked, or NOT_FOUND / INVALID_STATE. A second admin
 * deciding the same application waits on the lock and then finds it decided.
 */
async function pendingOrThrow(tx: Tx, id: string, to: "approved" | "rejected"): Promise<Row> {
  const [row] = await tx.select().from(s.applications).where(eq(s.applications.id, id)).for("update");
  if (!row) throw new AppError("NOT_FOUND", "application not found");
  applicationMachine.assert(row.status, to);
  return row;
}

const summary = (r: Pick<Row, "status" | "revision" | "rejectReason" | "resultId">) => ({
  status: r.status,
  revision: r.revision,
  rejectReason: r.rejectReason,
  resultId: r.resultId,
});

/**
 * Admin: approves a pending application. In one transaction: what it asks for is created (the cooperative and
 * its owner, the streamer's profile and capability, or the station and its manager), the application is marked
 * approved with what was created, an audit row is written and the applicant is notified (in-app now, e-mail by
 * the sweep).
 */
export async function approveApplication(viewer: Viewer | null, applicationId: string): Promise<{ resultId: string }> {
  assertAdmin(viewer);
  const db = await getDb();
  try {
    return await db.transaction(async (tx) => {
      const app = await pendingOrThrow(tx, applicationId, "approved");
      const resultId = await creators[app.kind](tx, app);
      const at = now();
      const [after] = await tx
        .update(s.applications)
        .set({ status: "approved", reviewedBy: viewer.userId, reviewedAt: at, resultId, updatedAt: at })
        .where(and(eq(s.applications.id, app.id), eq(s.applications.status, "pending")))
        .returning();
      if (!after) throw new AppError("INVALID_STATE", "application decided meanwhile");
      await recordAudit(tx, {
        actorId: viewer.userId,
        action: "application.approve",
        entityKind: "application",
        entityId: app.id,
        before: summary(app),
        after: { ...summary(after), kind: app.kind },
      });
      await notify(tx, {
        userId: app.userId,
        kind: "application_approved",
        params: { name: applicationTitle({ kind: app.kind, details: app.details } as ApplicationBody) },
        link: "/apply",
        dedupeKey: `application:${app.id}:${app.revision}:approved`,
      });
      return { resultId };
    });
  } catch (err) {
    if (isUniqueViolation(err, "cooperatives_uscc_key"))
      throw new AppError("CONFLICT", "a cooperative with this USCC exists", {
        fields: { uscc: ["uscc_taken"] },
        cause: err,
      });
    if (isUniqueViolation(err, "_slug_key"))
      throw new AppError("CONFLICT", "slug taken by a concurrent approval; approve again", { cause: err });
    throw err;
  }
}

/** Admin: rejects a pending application with a reason the applicant reads; audit row and notification. */
export async function rejectApplication(viewer: Viewer | null, input: RejectApplicationInput): Promise<void> {
  assertAdmin(viewer);
  const db = await getDb();
  await db.transaction(async (tx) => {
    const app = await pendingOrThrow(tx, input.applicationId, "rejected");
    const at = now();
    const [after] = await tx
      .update(s.applications)
      .set({ status: "rejected", rejectReason: input.reason, reviewedBy: viewer.userId, reviewedAt: at, updatedAt: at })
      .where(and(eq(s.applications.id, app.id), eq(s.applications.status, "pending")))
      .returning();
    await recordAudit(tx, {
      actorId: viewer.userId,
      action: "application.reject",
      entityKind: "application",
      entityId: app.id,
      before: summary(app),
      after: { ...summary(after!), kind: app.kind },
    });
    await notify(tx, {
      userId: app.userId,
      kind: "application_rejected",
      params: {
        name: applicationTitle({ kind: app.kind, details: app.details } as ApplicationBody),
        reason: input.reason,
      },
      link: "/apply",
      dedupeKey: `application:${app.id}:${app.revision}:rejected`,
    });
  });
}
