import "server-only";
import { desc, eq, ilike, or } from "drizzle-orm";
import { getDb, schema as s } from "../db";
import type { Viewer } from "./contract";
import { assertAdmin } from "./access";

export interface AdminUserDto {
  id: string;
  name: string;
  email: string | null;
  phone: string | null;
  status: "active" | "suspended";
  memberships: { kind: string; scopeId: string | null }[];
  createdAt: Date;
}

/** Admin: people, newest first, optionally filtered by name, e-mail or phone. */
export async function listUsersForAdmin(viewer: Viewer | null, q = "", limit = 100): Promise<AdminUserDto[]> {
  assertAdmin(viewer);
  const db = await getDb();
  const term = q.trim().slice(0, 100);
  const like = `%${term.replace(/[%_\\]/g, (m) => `\\${m}`)}%`;
  const users = await db
    .select()
    .from(s.users)
    .where(term ? or(ilike(s.users.name, like), ilike(s.users.email, like), ilike(s.users.phone, like)) : undefined)
    .orderBy(desc(s.users.createdAt))
    .limit(limit);
  const members = await db.select().from(s.memberships);
  return users.map((u) => ({
    id: u.id,
    name: u.name,
    email: u.email,
    phone: u.phone,
    status: u.status,
    createdAt: u.createdAt,
    memberships: members.filter((m) => m.userId === u.id).map((m) => ({ kind: m.kind, scopeId: m.scopeId })),
  }));
}

export async function getUserStatus(userId: string): Promise<"active" | "suspended" | null> {
  const db = await getDb();
  const [row] = await db.select({ status: s.users.status }).from(s.users).where(eq(s.users.id, userId));
  return row?.status ?? null;
}
