import "server-only";
import { and, eq, gt, isNull, ne, or, sql, type SQL } from "drizzle-orm";
import { newId } from "../core/ids";
import { now } from "../core/clock";
import { getDb, schema as s, type DbOrTx } from "../db";
import type { Capabilities, Viewer } from "./contract";

export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 3600;

export async function createSession(userId: string, meta: { ip?: string; userAgent?: string }): Promise<string> {
  const db = await getDb();
  const id = newId("ses");
  await db.insert(s.authSessions).values({
    id,
    userId,
    expiresAt: new Date(now().getTime() + SESSION_MAX_AGE_SECONDS * 1000),
    ip: meta.ip?.slice(0, 64),
    userAgent: meta.userAgent?.slice(0, 256),
  });
  return id;
}

/** The memberships that give a capability now: a suspended cooperative, station or streamer profile gives none. */
function activeMemberships(db: DbOrTx, userId: SQL | string) {
  return db
    .select({ kind: s.memberships.kind, scopeId: s.memberships.scopeId })
    .from(s.memberships)
    .leftJoin(s.cooperatives, and(eq(s.memberships.kind, "coop"), eq(s.cooperatives.id, s.memberships.scopeId)))
    .leftJoin(s.stations, and(eq(s.memberships.kind, "station"), eq(s.stations.id, s.memberships.scopeId)))
    .leftJoin(
      s.streamerProfiles,
      and(eq(s.memberships.kind, "streamer"), eq(s.streamerProfiles.userId, s.memberships.userId)),
    )
    .where(
      and(
        eq(s.memberships.userId, userId),
        or(isNull(s.cooperatives.status), ne(s.cooperatives.status, "suspended")),
        or(isNull(s.stations.status), ne(s.stations.status, "suspended")),
        or(isNull(s.streamerProfiles.status), ne(s.streamerProfiles.status, "suspended")),
      ),
    );
}

function capabilitiesOf(rows: { kind: string; scopeId: string | null }[]): Capabilities {
  return {
    admin: rows.some((r) => r.kind === "admin"),
    streamer: rows.some((r) => r.kind === "streamer"),
    coopIds: rows.filter((r) => r.kind === "coop" && r.scopeId).map((r) => r.scopeId!),
    stationIds: rows.filter((r) => r.kind === "station" && r.scopeId).map((r) => r.scopeId!),
  };
}

/**
 * A membership gives its capability only while what it names is in service: a suspended cooperative, station or
 * streamer profile takes it away at once (and reinstating gives it back), on the person's next request.
 */
export async function loadCapabilities(db: DbOrTx, userId: string): Promise<Capabilities> {
  return capabilitiesOf(await activeMemberships(db, userId));
}

/**
 * The viewer behind a session id, or null when the session was revoked, expired, or its user suspended.
 * Read from the database on every request, in one statement (the session, its user and their capabilities):
 * revocation takes effect at once.
 */
export async function viewerForSession(sessionId: string, userId: string): Promise<Viewer | null> {
  const db = await getDb();
  const memberships = activeMemberships(db, sql`${s.users.id}`).as("m");
  const [row] = await db
    .select({
      userId: s.users.id,
      name: s.users.name,
      email: s.users.email,
      phone: s.users.phone,
      status: s.users.status,
      memberships: sql<{ kind: string; scopeId: string | null }[]>`coalesce((
        select json_agg(json_build_object('kind', m.kind, 'scopeId', m.scope_id)) from ${memberships}
      ), '[]'::json)`,
    })
    .from(s.authSessions)
    .innerJoin(s.users, eq(s.users.id, s.authSessions.userId))
    .where(
      and(
        eq(s.authSessions.id, sessionId),
        eq(s.authSessions.userId, userId),
        isNull(s.authSessions.revokedAt),
        gt(s.authSessions.expiresAt, now()),
      ),
    );
  if (!row || row.status !== "active") return null;
  return {
    userId: row.userId,
    sessionId,
    name: row.name,
    email: row.email,
    phone: row.phone,
    caps: capabilitiesOf(row.memberships),
  };
}

export async function revokeSession(sessionId: string, reason = "sign_out"): Promise<void> {
  const db = await getDb();
  await db
    .update(s.authSessions)
    .set({ revokedAt: now(), revokedReason: reason })
    .where(and(eq(s.authSessions.id, sessionId), isNull(s.authSessions.revokedAt)));
}

/** Revokes every live session of a user, except `keep` (the one changing the password). */
export async function revokeAllSessions(db: DbOrTx, userId: string, reason: string, keep?: string): Promise<void> {
  await db
    .update(s.authSessions)
    .set({ revokedAt: now(), revokedReason: reason })
    .where(
      and(
        eq(s.authSessions.userId, userId),
        isNull(s.authSessions.revokedAt),
        keep ? ne(s.authSessions.id, keep) : undefined,
      ),
    );
}
