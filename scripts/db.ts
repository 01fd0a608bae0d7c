/**
 * npm run db:migrate | db:seed — through the same opener as the app, so on PGlite a running server's
 * lock stops this at once instead of two processes writing one data directory.
 */
import { applyMigrations, connectPglite, connectPostgres } from "../lib/db/connect";
import { DatabaseLockedError } from "../lib/db/pglite-lock";
import { seedDemoOnce } from "../lib/db/seed/demo";
import { env } from "../lib/env";

async function main(command: string | undefined) {
  if (command !== "migrate" && command !== "seed") {
    console.error("usage: tsx scripts/db.ts migrate|seed");
    process.exit(2);
  }
  const e = env();
  const handle = e.DATABASE_URL ? connectPostgres(e.DATABASE_URL, 2) : await connectPglite(e.pgliteDir);
  try {
    await applyMigrations(handle);
    console.log(`migrations applied (${handle.driver})`);
    if (command === "seed") console.log(`demo seed: ${await seedDemoOnce(handle.db)}`);
  } finally {
    await handle.close();
  }
}

main(process.argv[2]).catch((err) => {
  if (err instanceof DatabaseLockedError) {
    console.error(`error: ${err.message}`);
    process.exit(3);
  }
  console.error(err);
  process.exit(1);
});
