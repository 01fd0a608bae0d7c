/** Runs once when the server starts: open the database early and start the sweep timer. */
export async function register() {
  // Next only drops the Node-only imports from the edge build when it sees this exact literal check, so this
  // is the one place outside lib/env.ts that reads process.env.
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env } = await import("./lib/env");
  if (env().NEXT_PHASE === "phase-production-build") return;
  const { startBackgroundWork } = await import("./lib/system");
  await startBackgroundWork();
}
