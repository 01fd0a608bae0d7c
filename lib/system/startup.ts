import "server-only";
import { getDb } from "../db";
import { startSweepTimer } from "./sweep-timer";

/** At server start: open (migrate, seed) the database before the first request, then start the sweep timer. */
export async function startBackgroundWork(): Promise<void> {
  await getDb().catch((err: unknown) => console.error("[startup] database not ready:", (err as Error).message));
  startSweepTimer();
}
