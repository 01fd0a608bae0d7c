import "server-only";
import { now } from "../core/clock";
import { getDb } from "../db";
import { closeDueStatements } from "../finance";
import { catchUpLedger } from "../ledger";
import { startSweepTimer } from "./sweep-timer";

/**
 * At server start: open (migrate, seed) the database before the first request, bring the ledger up to the order book
 * (what came before it, the demo data) and close the weeks that have ended, then start the sweep timer.
 */
export async function startBackgroundWork(): Promise<void> {
  try {
    const db = await getDb();
    await catchUpLedger(db, now());
    await closeDueStatements(db, now());
  } catch (err) {
    console.error("[startup] database not ready:", (err as Error).message);
  }
  startSweepTimer();
}
