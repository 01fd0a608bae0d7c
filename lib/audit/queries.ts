import "server-only";
import { and, desc, eq, gte, lt, or, sql, type SQL } from "drizzle-orm";
import { schema as s, type DbOrTx } from "../db";
import type { AuditLogInput, AuditPage, AuditRowDto } from "./contract";

/** The start of a day in Asia/Shanghai (UTC+8 all year, no daylight saving). */
const dayStart = (day: string) => new Date(`${day}T00:00:00+08:00`);

/**
 * One page of the audit log, newest first, by keyset on the row id (ids grow with every insert, so paging stays
 * stable while rows are added). `limit` rows; `nextBefore` is the id to pass as `before` for the next page.
 * No access check here (audit is below auth): the callers are admin use cases.
 */
export async function auditPage(db: DbOrTx, filter: AuditLogInput, limit: number): Promise<AuditPage> {
  const where: SQL[] = [];
  if (filter.actor) {
    const a = filter.actor;
    where.push(or(sql`lower(${s.users.email}) = lower(${a})`, eq(s.users.phone, a), eq(s.auditLog.actorId, a))!);
  }
  if (filter.action) where.push(eq(s.auditLog.action, filter.action));
  if (filter.entityKind) where.push(eq(s.auditLog.entityKind, filter.entityKind));
  if (filter.entityId) where.push(eq(s.auditLog.entityId, filter.entityId));
  if (filter.from) where.push(gte(s.auditLog.createdAt, dayStart(filter.from)));
  if (filter.to) where.push(lt(s.auditLog.createdAt, new Date(dayStart(filter.to).getTime() + 86_400_000)));
  if (filter.before) where.push(lt(s.auditLog.id, filter.before));
  const rows = await db
    .select({
      id: s.auditLog.id,
      at: s.auditLog.createdAt,
      actorId: s.auditLog.actorId,
      actorName: s.users.name,
      actorEmail: s.users.email,
      action: s.auditLog.action,
      entityKind: s.auditLog.entityKind,
      entityId: s.auditLog.entityId,
      before: s.auditLog.before,
      after: s.auditLog.after,
    })
    .from(s.auditLog)
    .leftJoin(s.users, eq(s.users.id, s.auditLog.actorId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(s.auditLog.id))
    .limit(limit + 1);
  const page: AuditRowDto[] = rows
    .slice(0, limit)
    .map((r) => ({ ...r, before: r.before ?? null, after: r.after ?? null }));
  return { rows: page, nextBefore: rows.length > limit ? page.at(-1)!.id : null };
}
