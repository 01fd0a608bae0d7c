import "server-only";
import { eq } from "drizzle-orm";
import { assertAdmin, assertStationManager } from "../auth";
import type { Viewer } from "../auth/contract";
import { AppError } from "../core/errors";
import { now } from "../core/clock";
import { newId } from "../core/ids";
import { getDb, isUniqueViolation, schema as s } from "../db";
import type { CreateStationInput, StationHoursInput, StationStatusInput, UpdateStationInput } from "./contract";

const slugTaken = () => new AppError("CONFLICT", "slug taken", { fields: { slug: ["slug_taken"] } });

/** Admin: opens a new 网联驿站. */
export async function createStation(viewer: Viewer | null, input: CreateStationInput): Promise<{ id: string }> {
  assertAdmin(viewer);
  const db = await getDb();
  const id = newId("stn");
  try {
    await db.insert(s.stations).values({ ...input, id });
  } catch (err) {
    if (isUniqueViolation(err, "stations_slug_key")) throw slugTaken();
    throw err;
  }
  return { id };
}

/** Admin: edits a station's details. */
export async function updateStation(viewer: Viewer | null, input: UpdateStationInput): Promise<void> {
  assertAdmin(viewer);
  const { stationId, ...fields } = input;
  const db = await getDb();
  try {
    const rows = await db
      .update(s.stations)
      .set({ ...fields, updatedAt: now() })
      .where(eq(s.stations.id, stationId))
      .returning({ id: s.stations.id });
    if (!rows.length) throw new AppError("NOT_FOUND", "station not found");
  } catch (err) {
    if (isUniqueViolation(err, "stations_slug_key")) throw slugTaken();
    throw err;
  }
}

/** Admin: suspends a station (it takes no new orders) or reopens it. */
export async function setStationStatus(viewer: Viewer | null, input: StationStatusInput): Promise<void> {
  assertAdmin(viewer);
  const { stationId, status } = input;
  const db = await getDb();
  const rows = await db
    .update(s.stations)
    .set({ status, updatedAt: now() })
    .where(eq(s.stations.id, stationId))
    .returning({ id: s.stations.id });
  if (!rows.length) throw new AppError("NOT_FOUND", "station not found");
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
