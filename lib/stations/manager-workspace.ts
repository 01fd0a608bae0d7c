import "server-only";
import { inArray } from "drizzle-orm";
import { assertWorkspace } from "../auth";
import type { Viewer } from "../auth/contract";
import { getDb, schema as s } from "../db";
import type { StationDto } from "./contract";

/** The stations the viewer manages. */
export async function getManagedStations(viewer: Viewer | null): Promise<StationDto[]> {
  assertWorkspace(viewer, "station");
  const db = await getDb();
  return db.select().from(s.stations).where(inArray(s.stations.id, viewer.caps.stationIds));
}
