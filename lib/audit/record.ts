import "server-only";
import { schema as s, type Tx } from "../db";

export interface AuditEntry {
  /** Who did it; null for the system (a sweep, the seed). */
  actorId: string | null;
  /** What was done, as `<area>.<verb>`: "application.approve", "membership.revoke", "station.suspend". */
  action: string;
  /** The kind of record it was done to ("application", "membership", "cooperative", "station", "order"). */
  entityKind: string;
  entityId: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

/**
 * Writes one audit row in the caller's transaction, so the row exists exactly when the change it describes does.
 * The table is append-only (a trigger refuses UPDATE, DELETE and TRUNCATE): there is no other function here.
 */
export async function recordAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  await tx.insert(s.auditLog).values({
    actorId: entry.actorId,
    action: entry.action,
    entityKind: entry.entityKind,
    entityId: entry.entityId,
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
}
