import fs from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { backfillProductPinyin } from "./backfill-pinyin";
import * as schema from "./schema";
import { acquireDirLock } from "./pglite-lock";
import { guardTransactions } from "./tx-guard";
import type { Db, Driver } from "./types";

export interface DbHandle {
  db: Db;
  driver: Driver;
  /** The PGlite instance, for LISTEN inside the process; null on PostgreSQL. */
  pglite: PGlite | null;
  /** The pool, for a dedicated LISTEN client; null on PGlite. */
  pool: pg.Pool | null;
  /** The connection string, on PostgreSQL (tests hand it to child processes). */
  url?: string;
  close(): Promise<void>;
}

export const migrationsFolder = () => path.join(process.cwd(), "drizzle");

export async function connectPglite(dir: string | null): Promise<DbHandle> {
  let lock: ReturnType<typeof acquireDirLock> | null = null;
  if (dir) {
    lock = acquireDirLock(dir); // before opening: a second process must stop here, not corrupt data
    fs.mkdirSync(dir, { recursive: true });
  }
  try {
    const client = dir ? await PGlite.create(dir) : await PGlite.create();
    return {
      db: guardTransactions(drizzlePglite(client, { schema }) as unknown as Db),
      driver: "pglite",
      pglite: client,
      pool: null,
      async close() {
        await client.close();
        lock?.release();
      },
    };
  } catch (e) {
    lock?.release();
    throw e;
  }
}

export function connectPostgres(url: string, max = 10): DbHandle {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    // A drop storm queues hundreds of requests on a few connections; let them wait their turn rather than fail.
    // (A dead database still surfaces quickly: the health check has its own 5 s deadline.)
    connectionTimeoutMillis: 20_000,
    idleTimeoutMillis: 30_000,
  });
  // An idle client losing its server (restart, network) must not crash the process; the pool replaces it.
  pool.on("error", (err) => console.warn("[db] idle client error:", err.message));
  return {
    db: guardTransactions(drizzlePg(pool, { schema }) as unknown as Db),
    driver: "postgres",
    pglite: null,
    pool,
    url,
    close: () => pool.end(),
  };
}

const MIGRATION_LOCK = 7_274_2026;

/**
 * Applies drizzle/ migrations, then fills what SQL cannot derive (product pinyin). On PostgreSQL an advisory
 * lock keeps two starting instances apart.
 */
export async function applyMigrations(handle: DbHandle): Promise<void> {
  if (handle.driver === "pglite") {
    await migratePglite(handle.db as never, { migrationsFolder: migrationsFolder() });
    await backfillProductPinyin(handle.db);
    // PGlite runs no autovacuum, so the planner never learns table sizes unless told once per start.
    await handle.pglite!.exec("analyze");
    return;
  }
  const client = await handle.pool!.connect();
  try {
    await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK]);
    await migratePg(handle.db as never, { migrationsFolder: migrationsFolder() });
    await backfillProductPinyin(handle.db);
  } finally {
    await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch(() => {});
    client.release();
  }
}
