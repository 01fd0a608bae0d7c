import fs from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { applyMigrations, connectPostgres, type DbHandle } from "../../lib/db/connect";
import { drizzle } from "drizzle-orm/pglite";
import * as schema from "../../lib/db/schema";
import type { Db } from "../../lib/db/types";
import {
  assertLocalDatabase,
  cacheDir,
  migrationsHash,
  pgliteTemplateFile,
  pgTemplateName,
  withDatabase,
} from "./templates";

/**
 * Builds one migrated template per run (PGlite: a data-dir dump; PostgreSQL: a template database), so
 * each test file gets a fresh database in about a second instead of migrating its own.
 */
export default async function setup(project: TestProject) {
  const hash = migrationsHash();
  const url = process.env.DATABASE_URL;
  if (url) {
    assertLocalDatabase(url);
    const name = pgTemplateName(hash);
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    const exists = await admin.query("select 1 from pg_database where datname = $1", [name]);
    if (!exists.rowCount) {
      await admin.query(`create database ${name}`);
      const h = connectPostgres(withDatabase(url, name), 2);
      await applyMigrations(h);
      await h.close();
    }
    await admin.end();
    project.provide("testDb", { driver: "postgres", url, template: name });
    return;
  }
  const file = pgliteTemplateFile(hash);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(cacheDir(), { recursive: true });
    const client = await PGlite.create();
    const handle: DbHandle = {
      db: drizzle(client, { schema }) as unknown as Db,
      driver: "pglite",
      pglite: client,
      pool: null,
      close: () => client.close(),
    };
    await applyMigrations(handle);
    const dump = await client.dumpDataDir("gzip");
    fs.writeFileSync(`${file}.tmp`, Buffer.from(await dump.arrayBuffer()));
    fs.renameSync(`${file}.tmp`, file);
    await client.close();
  }
  project.provide("testDb", { driver: "pglite", template: file });
}

declare module "vitest" {
  export interface ProvidedContext {
    testDb: { driver: "postgres"; url: string; template: string } | { driver: "pglite"; template: string };
  }
}
