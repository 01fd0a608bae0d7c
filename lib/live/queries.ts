import "server-only";
import { and, asc, desc, eq, inArray, ne, sql } from "drizzle-orm";
import { assertCoopMember } from "../auth";
import type { Viewer } from "../auth/contract";
import { now } from "../core/clock";
import { getDb, schema as s } from "../db";
import { env } from "../env";
import type { LiveStatus } from "./contract";
import { ownSession } from "./own-session";
import { bagProducts } from "./products";
import { dropDtos, viewerCount } from "./snapshot";

export interface LiveCardDto {
  id: string;
  title: string;
  coverImagePath: string | null;
  status: LiveStatus;
  scheduledAt: Date;
  startedAt: Date | null;
  streamerName: string;
  reminded: boolean;
}

/** Where viewers watch: the shop's streaming server (HLS named after the session), or an external URL. */
export function playbackUrl(session: { id: string; externalPlaybackUrl: string | null }): string {
  return session.externalPlaybackUrl ?? `${env().LIVE_PLAYBACK_BASE.replace(/\/$/, "")}/${session.id}.m3u8`;
}

/** /live: sessions live now, coming up, and ended ones with a replay. */
export async function listLiveSessions(
  viewer: Viewer | null,
): Promise<{ live: LiveCardDto[]; upcoming: LiveCardDto[]; replays: LiveCardDto[] }> {
  const db = await getDb();
  const rows = await db
    .select({
      id: s.liveSessions.id,
      title: s.liveSessions.title,
      coverImagePath: s.liveSessions.coverImagePath,
      status: s.liveSessions.status,
      scheduledAt: s.liveSessions.scheduledAt,
      startedAt: s.liveSessions.startedAt,
      replayUrl: s.liveSessions.replayUrl,
      streamerName: s.users.name,
    })
    .from(s.liveSessions)
    .innerJoin(s.users, eq(s.users.id, s.liveSessions.streamerId))
    .where(ne(s.liveSessions.status, "cancelled"))
    .orderBy(asc(s.liveSessions.scheduledAt))
    .limit(200);
  const reminded = viewer
    ? new Set(
        (
          await db
            .select({ id: s.liveReminders.sessionId })
            .from(s.liveReminders)
            .where(eq(s.liveReminders.userId, viewer.userId))
        ).map((r) => r.id),
      )
    : new Set<string>();
  const card = ({ replayUrl: _, ...r }: (typeof rows)[number]): LiveCardDto => ({ ...r, reminded: reminded.has(r.id) });
  return {
    live: rows.filter((r) => r.status === "live").map(card),
    upcoming: rows.filter((r) => r.status === "scheduled").map(card),
    replays: rows
      .filter((r) => r.status === "ended" && r.replayUrl)
      .map(card)
      .reverse(),
  };
}

export interface LiveRoomDto {
  id: string;
  title: string;
  description: string;
  coverImagePath: string | null;
  status: LiveStatus;
  scheduledAt: Date;
  startedAt: Date | null;
  endedAt: Date | null;
  playbackUrl: string;
  replayUrl: string | null;
  streamerName: string;
  timeline: {
    productId: string;
    slug: string;
    nameZh: string;
    nameEn: string;
    offsetSeconds: number;
    pinnedAt: Date;
    unpinnedAt: Date | null;
    openDropId: string | null;
  }[];
}

/** A session's public page; the product timeline (from the pin history) is there once it ended. */
export async function getLiveRoom(id: string): Promise<LiveRoomDto | null> {
  const db = await getDb();
  const [row] = await db
    .select({ session: s.liveSessions, streamerName: s.users.name })
    .from(s.liveSessions)
    .innerJoin(s.users, eq(s.users.id, s.liveSessions.streamerId))
    .where(and(eq(s.liveSessions.id, id), ne(s.liveSessions.status, "cancelled")));
  if (!row) return null;
  const { session } = row;
  const pins = await db
    .select({ pin: s.livePins, slug: s.products.slug, nameZh: s.products.nameZh, nameEn: s.products.nameEn })
    .from(s.livePins)
    .innerJoin(s.products, eq(s.products.id, s.livePins.productId))
    .where(eq(s.livePins.sessionId, id))
    .orderBy(asc(s.livePins.pinnedAt));
  const openDrops = await db
    .select({ id: s.liveDrops.id, productId: s.liveDrops.productId })
    .from(s.liveDrops)
    .where(and(eq(s.liveDrops.sessionId, id), eq(s.liveDrops.status, "open")));
  const start = session.startedAt?.getTime() ?? session.scheduledAt.getTime();
  return {
    id: session.id,
    title: session.title,
    description: session.description,
    coverImagePath: session.coverImagePath,
    status: session.status,
    scheduledAt: session.scheduledAt,
    startedAt: session.startedAt,
    endedAt: session.endedAt,
    playbackUrl: playbackUrl(session),
    replayUrl: session.replayUrl,
    streamerName: row.streamerName,
    timeline: pins.map(({ pin, ...p }) => ({
      productId: pin.productId,
      ...p,
      offsetSeconds: Math.max(0, Math.round((pin.pinnedAt.getTime() - start) / 1000)),
      pinnedAt: pin.pinnedAt,
      unpinnedAt: pin.unpinnedAt,
      openDropId: openDrops.find((d) => d.productId === pin.productId)?.id ?? null,
    })),
  };
}

export async function listMySessions(viewer: Viewer | null) {
  const db = await getDb();
  if (!viewer) return [];
  return db
    .select({
      id: s.liveSessions.id,
      title: s.liveSessions.title,
      status: s.liveSessions.status,
      scheduledAt: s.liveSessions.scheduledAt,
      startedAt: s.liveSessions.startedAt,
    })
    .from(s.liveSessions)
    .where(eq(s.liveSessions.streamerId, viewer.userId))
    .orderBy(desc(s.liveSessions.scheduledAt));
}

/** Everything the streamer's setup page needs (never the key itself: only its last characters). */
export async function getSessionForStreamer(viewer: Viewer | null, sessionId: string) {
  const db = await getDb();
  const session = await ownSession(db, viewer, sessionId);
  const coops = await db
    .select({ coopId: s.liveSessionCoops.coopId })
    .from(s.liveSessionCoops)
    .where(eq(s.liveSessionCoops.sessionId, sessionId));
  return {
    id: session.id,
    title: session.title,
    description: session.description,
    status: session.status,
    scheduledAt: session.scheduledAt,
    coverImagePath: session.coverImagePath,
    externalPlaybackUrl: session.externalPlaybackUrl,
    replayUrl: session.replayUrl,
    pinnedProductId: session.pinnedProductId,
    coopIds: coops.map((c) => c.coopId),
    streamKeyHint: session.streamKeyHint,
    ingestUrl: env().LIVE_INGEST_URL,
    playbackUrl: playbackUrl(session),
    bag: await bagProducts(db, sessionId),
  };
}

/** The control room's live figures: viewers, per-drop orders and units, units left, the session's revenue. */
export async function liveFigures(viewer: Viewer | null, sessionId: string) {
  const db = await getDb();
  const session = await ownSession(db, viewer, sessionId);
  const drops = await dropDtos(db, session.id);
  const perDrop = drops.length
    ? await db
        .select({
          dropId: s.orders.dropId,
          orders: sql<number>`count(*)::int`,
          units: sql<number>`coalesce(sum(${s.orderLines.quantity}), 0)::int`,
        })
        .from(s.orders)
        .innerJoin(s.orderLines, eq(s.orderLines.orderId, s.orders.id))
        .where(
          and(
            inArray(
              s.orders.dropId,
              drops.map((d) => d.id),
            ),
            ne(s.orders.status, "cancelled"),
          ),
        )
        .groupBy(s.orders.dropId)
    : [];
  const [revenue] = await db
    .select({ fen: sql<number>`coalesce(sum(${s.orders.totalFen}), 0)::int`, orders: sql<number>`count(*)::int` })
    .from(s.orders)
    .where(and(eq(s.orders.liveSessionId, session.id), ne(s.orders.status, "cancelled")));
  return {
    status: session.status,
    viewers: await viewerCount(db, session.id, now()),
    revenueFen: revenue?.fen ?? 0,
    orders: revenue?.orders ?? 0,
    drops: drops.map((d) => ({
      ...d,
      orders: perDrop.find((p) => p.dropId === d.id)?.orders ?? 0,
      unitsSold: perDrop.find((p) => p.dropId === d.id)?.units ?? 0,
    })),
  };
}

/** The sessions that featured a cooperative and have gone live, newest first: its members' way to their reports. */
export async function listCoopSessions(viewer: Viewer | null, coopId: string, limit = 30) {
  assertCoopMember(viewer, coopId);
  const db = await getDb();
  return db
    .select({
      id: s.liveSessions.id,
      title: s.liveSessions.title,
      status: s.liveSessions.status,
      scheduledAt: s.liveSessions.scheduledAt,
      startedAt: s.liveSessions.startedAt,
      streamerName: sql<string>`coalesce(${s.streamerProfiles.displayName}, ${s.users.name})`,
    })
    .from(s.liveSessions)
    .innerJoin(s.liveSessionCoops, eq(s.liveSessionCoops.sessionId, s.liveSessions.id))
    .innerJoin(s.users, eq(s.users.id, s.liveSessions.streamerId))
    .leftJoin(s.streamerProfiles, eq(s.streamerProfiles.userId, s.liveSessions.streamerId))
    .where(and(eq(s.liveSessionCoops.coopId, coopId), inArray(s.liveSessions.status, ["live", "ended"])))
    .orderBy(desc(s.liveSessions.scheduledAt))
    .limit(limit);
}
