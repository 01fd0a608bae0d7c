import "server-only";
import { env } from "../env";
import { runSweep } from "./sweep";

const g = globalThis as typeof globalThis & { __elianSweep?: NodeJS.Timeout };

/** Runs the sweep every SWEEP_INTERVAL_SECONDS in this process (0 = off); never two at once. */
export function startSweepTimer(): void {
  const seconds = env().SWEEP_INTERVAL_SECONDS;
  if (!seconds || g.__elianSweep) return;
  let running = false;
  g.__elianSweep = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      await runSweep();
    } catch (err) {
      console.error("[sweep]", err);
    } finally {
      running = false;
    }
  }, seconds * 1000);
  g.__elianSweep.unref();
}
