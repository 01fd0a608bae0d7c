/**
 * npm run sweep — runs the sweep once from the command line (for a system cron, or to see what is due).
 * Safe next to running app instances on PostgreSQL: every step takes its rows with SKIP LOCKED.
 */
import { closeDb } from "../lib/db";
import { runSweep } from "../lib/system";

const report = await runSweep();
console.log(JSON.stringify(report));
await closeDb();
