import fs from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import pg from "pg";
import { afterAll, beforeAll, inject } from "vitest";
import { newId } from "../core/ids";
import { withDatabase } from "../../tests/support/templates";
import { connectPostgres, type DbHandle } from "./connect";
import { useDbForTests } from "./client";
import * as schema from "./schema";
import { guardTransactions } from "./tx-guard";
import type { Db } from "./types";

/**
 * A fresh, migrated database for one test file: PGlite restored from the run's template, or a new
 * PostgreSQL database copied from the template database (when the run has DATABASE_URL).
 */
export async function createTestDb(opts: { poolSize?: number } = {}): Promise<DbHandle> {
  const info = inject("testDb");
  if (info.driver === "pglite") {
    const client = await PGlite.create({ loadDataDir: new Blob([fs.readFileSync(info.template)]) });
    return {
      db: guardTransactions(drizzle(client, { schema }) as unknown as Db),
      driver: "pglite",
      pglite: client,
      pool: null,
      close: () => client.close(),
    };
  }
  const name = `elian_t_${newId("x").slice(2)}`;
  const admin = new pg.Client({ connectionString: info.url });
  await admin.connect();
  // Copying a template fails while another copy of it is starting; retry briefly.
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.query(`create database ${name} template ${info.template}`);
      break;
    } catch (err) {
      if (attempt > 20) throw err;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
  await admin.end();
  const handle = connectPostgres(withDatabase(info.url, name), opts.poolSize ?? 20);
  return {
    ...handle,
    async close() {
      await handle.close();
      const a = new pg.Client({ connectionString: info.url });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

export const testDriver = (): "pglite" | "postgres" => inject("testDb").driver;

/** Installs a fresh database as the process database for this file; returns a getter for it. */
export function setupTestDb(opts: { poolSize?: number } = {}): { readonly db: Db; readonly handle: DbHandle } {
  let handle: DbHandle | null = null;
  beforeAll(async () => {
    handle = await createTestDb(opts);
    useDbForTests(handle);
  });
  afterAll(async () => {
    useDbForTests(null);
    await handle?.close();
  });
  return {
    get db() {
      if (!handle) throw new Error("test database not ready (use it inside tests or hooks)");
      return handle.db;
    },
    get handle() {
      if (!handle) throw new Error("test database not ready");
      return handle;
    },
  };
}
