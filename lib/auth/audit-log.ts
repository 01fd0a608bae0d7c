import "server-only";
import { auditPage } from "../audit";
import type { AuditLogInput, AuditPage } from "../audit/contract";
import { toCsv } from "../core/csv";
import { getDb } from "../db";
import type { Viewer } from "./contract";
import { assertAdmin } from "./access";

export const AUDIT_PAGE_SIZE = 50;
/** The most rows one CSV export holds; a longer log is exported by narrowing the filters (a date range). */
export const AUDIT_CSV_MAX_ROWS = 10_000;

/** Admin: one page of the audit log with the given filters, newest first. */
export async function listAuditLog(viewer: Viewer | null, filter: AuditLogInput): Promise<AuditPage> {
  assertAdmin(viewer);
  return auditPage(await getDb(), filter, AUDIT_PAGE_SIZE);
}

/**
 * Admin: the audit log with the given filters as CSV (newest first, from the cursor if one is given), through
 * the shared writer with its formula-injection guard: a before/after value typed by someone ("=HYPERLINK…") is
 * written as text.
 */
export async function auditLogCsv(viewer: Viewer | null, filter: AuditLogInput): Promise<string> {
  assertAdmin(viewer);
  const { rows } = await auditPage(await getDb(), filter, AUDIT_CSV_MAX_ROWS);
  const header = [
    "id",
    "at",
    "actor_id",
    "actor_name",
    "actor_email",
    "action",
    "entity_kind",
    "entity_id",
    "before",
    "after",
  ];
  return toCsv(
    header,
    rows.map((r) => [
      r.id,
      r.at.toISOString(),
      r.actorId ?? "",
      r.actorName ?? "",
      r.actorEmail ?? "",
      r.action,
      r.entityKind,
      r.entityId,
      r.before ? JSON.stringify(r.before) : "",
      r.after ? JSON.stringify(r.after) : "",
    ]),
  );
}
