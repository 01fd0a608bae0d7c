/** Runs once when the server starts: open the database early and start the sweep timer. */
export async function register() {
  const { env } = await import("./lib/env");
  const e = env();
  if (e.NEXT_RUNTIME !== "nodejs" || e.NEXT_PHASE === "phase-production-build") return;
  const { startBackgroundWork } = await import("./lib/system");
  await startBackgroundWork();
}
