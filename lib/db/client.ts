import "server-only";
import { sql } from "drizzle-orm";
import { env } from "../env";
import { markDatabaseUnavailable } from "../core/request-context";
import { applyMigrations, connectPglite, connectPostgres, type DbHandle } from "./connect";
import { isDatabaseUnavailable, trackPoolUse, watchPool } from "./errors";
import { seedDemoOnce } from "./seed/demo";
import type { Db, Driver } from "./types";

interface State {
  opening: Promise<DbHandle> | null;
  handle: DbHandle | null;
}
// On globalThis so dev-server reloads reuse the open database instead of opening it twice.
const g = globalThis as typeof globalThis & { __elianDb?: State };
const state = (): State => (g.__elianDb ??= { opening: null, handle: null });

async function open(): Promise<DbHandle> {
  const e = env();
  const handle = e.DATABASE_URL ? connectPostgres(e.DATABASE_URL) : await connectPglite(e.pgliteDir);
  if (handle.pool) {
    watchPool(handle.pool);
    trackPoolUse(handle.pool);
  }
  try {
    await applyMigrations(handle);
    if (e.seedDemo) await seedDemoOnce(handle.db);
    return handle;
  } catch (err) {
    if (isDatabaseUnavailable(err)) markDatabaseUnavailable();
    await handle.close().catch(() => {});
    throw err;
  }
}

/** The process's database: opened, migrated and (for the demo) seeded on first use. */
export async function getDbHandle(): Promise<DbHandle> {
  const s = state();
  if (s.handle) return s.handle;
  // A failed open is not remembered, so the app recovers once the database is back.
  s.opening ??= open().then(
    (h) => ((s.handle = h), h),
    (err) => {
      s.opening = null;
      throw err;
    },
  );
  return s.opening;
}

export async function getDb(): Promise<Db> {
  return (await getDbHandle()).db;
}

export async function dbDriver(): Promise<Driver> {
  return (await getDbHandle()).driver;
}

/** `select 1` with a deadline: for the health check. */
export async function pingDb(timeoutMs = 5_000): Promise<Driver> {
  const attempt = (async () => {
    const h = await getDbHandle();
    await h.db.execute(sql`select 1`);
    return h.driver;
  })();
  const timeout = new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error(`database did not answer within ${timeoutMs} ms`)), timeoutMs).unref(),
  );
  return Promise.race([attempt, timeout]);
}

export async function closeDb(): Promise<void> {
  const s = state();
  const h = s.handle ?? (await s.opening?.catch(() => null));
  s.handle = null;
  s.opening = null;
  await h?.close();
}

/** Tests install their own fresh database as the process's database. */
export function useDbForTests(handle: DbHandle | null): void {
  const s = state();
  s.handle = handle;
  s.opening = null;
}
