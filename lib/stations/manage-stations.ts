import "server-only";
import { eq } from "drizzle-orm";
import { recordAudit } from "../audit";
import { assertAdmin, assertStationManager } from "../auth";
import type { Viewer } from "../auth/contract";
import { AppError } from "../core/errors";
import { now } from "../core/clock";
import { newId } from "../core/ids";
import { getDb, isUniqueViolation, schema as s } from "../db";
import type { CreateStationInput, StationHoursInput, StationStatusInput, UpdateStationInput } from "./contract";

const slugTaken = () => new AppError("CONFLICT", "slug taken", { fields: { slug: ["slug_taken"] } });

/** Admin: opens a new 网联驿站, with its `station.create` audit row in the same transaction. */
export async function createStation(viewer: Viewer | null, input: CreateStationInput): Promise<{ id: string }> {
  assertAdmin(viewer);
  const db = await getDb();
  const id = newId("stn");
  try {
    await db.transaction(async (tx) => {
      const [made] = await tx
        .insert(s.stations)
        .values({ ...input, id })
        .returning();
      await recordAudit(tx, {
        actorId: viewer.userId,
        action: "station.create",
        entityKind: "station",
        entityId: id,
        before: null,
        after: pick(made!, Object.keys(input)),
      });
    });
  } catch (err) {
    if (isUniqueViolation(err, "stations_slug_key")) throw slugTaken();
    throw err;
  }
  return { id };
}

/** Admin: edits a station's details; the audit row (`station.update`) holds the fields that changed, before → after. */
export async function updateStation(viewer: Viewer | null, input: UpdateStationInput): Promise<void> {
  assertAdmin(viewer);
  const { stationId, ...fields } = input;
  const db = await getDb();
  try {
    await db.transaction(async (tx) => {
      const [old] = await tx.select().from(s.stations).where(eq(s.stations.id, stationId)).for("update");
      if (!old) throw new AppError("NOT_FOUND", "station not found");
      const [updated] = await tx
        .update(s.stations)
        .set({ ...fields, updatedAt: now() })
        .where(eq(s.stations.id, stationId))
        .returning();
      const changed = Object.keys(fields).filter(
        (k) => old[k as keyof typeof old] !== updated![k as keyof typeof updated],
      );
      if (changed.length)
        await recordAudit(tx, {
          actorId: viewer.userId,
          action: "station.update",
          entityKind: "station",
          entityId: stationId,
          before: pick(old, changed),
          after: pick(updated!, changed),
        });
    });
  } catch (err) {
    if (isUniqueViolation(err, "stations_slug_key")) throw slugTaken();
    throw err;
  }
}

/**
 * Admin: suspends a station (it takes no new orders) or reopens it, with its `station.suspend` /
 * `station.reactivate` audit row. Asking for the status it has already changes nothing.
 */
export async function setStationStatus(viewer: Viewer | null, input: StationStatusInput): Promise<void> {
  assertAdmin(viewer);
  const { stationId, status } = input;
  const db = await getDb();
  await db.transaction(async (tx) => {
    const [old] = await tx
      .select({ status: s.stations.status })
      .from(s.stations)
      .where(eq(s.stations.id, stationId))
      .for("update");
    if (!old) throw new AppError("NOT_FOUND", "station not found");
    if (old.status === status) return;
    await tx.update(s.stations).set({ status, updatedAt: now() }).where(eq(s.stations.id, stationId));
    await recordAudit(tx, {
      actorId: viewer.userId,
      action: status === "suspended" ? "station.suspend" : "station.reactivate",
      entityKind: "station",
      entityId: stationId,
      before: { status: old.status },
      after: { status },
    });
  });
}

/** The named columns of a row, for an audit entry. */
function pick(row: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, row[k]]));
}

/** The station's manager (or an admin) changes opening hours and the daily cutoff. */
export async function updateStationHours(viewer: Viewer | null, input: StationHoursInput): Promise<void> {
  const { stationId, ...hours } = input;
  assertStationManager(viewer, stationId);
  const db = await getDb();
  await db
    .update(s.stations)
    .set({ ...hours, updatedAt: now() })
    .where(eq(s.stations.id, stationId));
}
