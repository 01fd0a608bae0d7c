import "server-only";
import { and, eq, inArray, lte, sql } from "drizzle-orm";
import { AppError } from "../core/errors";
import { newId } from "../core/ids";
import { schema as s, type Tx } from "../db";
import { addDays, batchLockTime, deliveryDayFor } from "../stations/contract";

export interface BatchTarget {
  stationId: string;
  cutoffTime: string;
  timezone: string;
  /** A fixed day (a group buy's pickup day); otherwise the station's next delivery day from `at`. */
  day?: string;
  /** The batch must stay open at least until then (a group buy's close). */
  openUntil?: Date;
}

/**
 * Finds or creates each cooperative's open batch for the station and day, holding it with FOR SHARE so the
 * sweep cannot lock it until this order commits. A batch that locked in the meantime pushes a shop order to
 * the next day; a fixed-day order is refused.
 */
export async function assignBatches(
  tx: Tx,
  coopIds: string[],
  target: BatchTarget,
  at: Date,
): Promise<{ day: string; batchByCoop: Map<string, string> }> {
  let day = target.day ?? deliveryDayFor(target, at);
  for (let attempt = 0; attempt < 3; attempt++) {
    const batchByCoop = new Map<string, string>();
    let allOpen = true;
    for (const coopId of [...new Set(coopIds)].sort()) {
      const cutoffLock = batchLockTime(target, day);
      const locksAt = target.openUntil && target.openUntil > cutoffLock ? target.openUntil : cutoffLock;
      await tx
        .insert(s.batches)
        .values({ id: newId("bat"), coopId, stationId: target.stationId, deliveryDay: day, locksAt })
        .onConflictDoNothing({ target: [s.batches.coopId, s.batches.stationId, s.batches.deliveryDay] });
      const [batch] = await tx
        .select({ id: s.batches.id, status: s.batches.status, locksAt: s.batches.locksAt })
        .from(s.batches)
        .where(
          and(eq(s.batches.coopId, coopId), eq(s.batches.stationId, target.stationId), eq(s.batches.deliveryDay, day)),
        )
        .for("share");
      if (!batch || batch.status !== "open") {
        allOpen = false;
        break;
      }
      if (target.openUntil && batch.locksAt < target.openUntil) {
        await tx.update(s.batches).set({ locksAt: target.openUntil }).where(eq(s.batches.id, batch.id));
      }
      batchByCoop.set(coopId, batch.id);
    }
    if (allOpen) return { day, batchByCoop };
    if (target.day) throw new AppError("NOT_OPEN", `the batch for ${day} is closed`);
    day = addDays(day, 1);
  }
  throw new AppError("UNAVAILABLE", "no open batch found");
}

/** The sweep: batches past their lock time stop taking orders. Safe with several instances (SKIP LOCKED). */
export async function lockDueBatches(tx: Tx, at: Date, limit = 500): Promise<number> {
  const due = await tx
    .select({ id: s.batches.id })
    .from(s.batches)
    .where(and(eq(s.batches.status, "open"), lte(s.batches.locksAt, at)))
    .limit(limit)
    .for("update", { skipLocked: true });
  if (!due.length) return 0;
  const rows = await tx
    .update(s.batches)
    .set({ status: "locked", lockedAt: at })
    .where(
      and(
        inArray(
          s.batches.id,
          due.map((b) => b.id),
        ),
        eq(s.batches.status, "open"),
      ),
    )
    .returning({ id: s.batches.id });
  return rows.length;
}

export const batchStatusSql = sql`${s.batches.status}`;
