import "server-only";
import { createHash } from "node:crypto";
import { and, desc, eq, isNull, lt, or } from "drizzle-orm";
import { AppError } from "../core/errors";
import { now } from "../core/clock";
import { newId, newSecret } from "../core/ids";
import { getDb, schema as s } from "../db";
import type { ApiScope, CreateTokenInput, RevokeTokenInput, Viewer } from "./contract";
import { assertWorkspace } from "./access";
import { enforce } from "./rate-limit";
import { loadCapabilities } from "./sessions";

const hash = (token: string) => createHash("sha256").update(token).digest("hex");

/** A streamer makes a personal API token: named, scoped, shown once, stored as a hash. */
export async function createApiToken(
  viewer: Viewer | null,
  input: CreateTokenInput,
): Promise<{ id: string; token: string }> {
  assertWorkspace(viewer, "streamer");
  const db = await getDb();
  const token = newSecret("elk_");
  const id = newId("tok");
  await db.insert(s.apiTokens).values({
    id,
    userId: viewer.userId,
    name: input.name,
    tokenHash: hash(token),
    tokenHint: token.slice(-4),
    scopes: input.scopes,
  });
  return { id, token };
}

export async function revokeApiToken(viewer: Viewer | null, { id }: RevokeTokenInput): Promise<void> {
  assertWorkspace(viewer, "streamer");
  const db = await getDb();
  const rows = await db
    .update(s.apiTokens)
    .set({ revokedAt: now() })
    .where(and(eq(s.apiTokens.id, id), eq(s.apiTokens.userId, viewer.userId), isNull(s.apiTokens.revokedAt)))
    .returning({ id: s.apiTokens.id });
  if (!rows.length) throw new AppError("NOT_FOUND", "token not found");
}

export async function listApiTokens(viewer: Viewer | null) {
  assertWorkspace(viewer, "streamer");
  const db = await getDb();
  return db
    .select({
      id: s.apiTokens.id,
      name: s.apiTokens.name,
      hint: s.apiTokens.tokenHint,
      scopes: s.apiTokens.scopes,
      lastUsedAt: s.apiTokens.lastUsedAt,
      revokedAt: s.apiTokens.revokedAt,
      createdAt: s.apiTokens.createdAt,
    })
    .from(s.apiTokens)
    .where(eq(s.apiTokens.userId, viewer.userId))
    .orderBy(desc(s.apiTokens.createdAt));
}

/**
 * The viewer behind `Authorization: Bearer <token>`: the token must be live, its owner active and still a
 * streamer (capabilities are read now, so a revoked membership stops the token at once), the scope granted,
 * and the token under its rate limit.
 */
export async function viewerFromApiToken(authorization: string | null, scope: ApiScope): Promise<Viewer> {
  const token = authorization?.match(/^Bearer\s+(elk_[A-Za-z0-9_-]{20,100})$/)?.[1];
  if (!token) throw new AppError("UNAUTHENTICATED", "missing or malformed bearer token");
  const db = await getDb();
  const [row] = await db
    .select({ token: s.apiTokens, user: s.users })
    .from(s.apiTokens)
    .innerJoin(s.users, eq(s.users.id, s.apiTokens.userId))
    .where(eq(s.apiTokens.tokenHash, hash(token)));
  if (!row || row.token.revokedAt || row.user.status !== "active")
    throw new AppError("UNAUTHENTICATED", "token revoked or unknown");
  if (!row.token.scopes.includes(scope)) throw new AppError("FORBIDDEN", `token lacks the ${scope} scope`);
  await enforce(`api:token:${row.token.id}`, { max: 120, windowSeconds: 60 }, "API requests");
  const at = now();
  await db
    .update(s.apiTokens)
    .set({ lastUsedAt: at })
    .where(
      and(
        eq(s.apiTokens.id, row.token.id),
        or(isNull(s.apiTokens.lastUsedAt), lt(s.apiTokens.lastUsedAt, new Date(at.getTime() - 60_000))),
      ),
    );
  const viewer: Viewer = {
    userId: row.user.id,
    sessionId: `api:${row.token.id}`,
    name: row.user.name,
    email: row.user.email,
    phone: row.user.phone,
    caps: await loadCapabilities(db, row.user.id),
  };
  assertWorkspace(viewer, "streamer");
  return viewer;
}
