import type { ExtractTablesWithRelations } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import type * as schema from "./schema";

export type Schema = typeof schema;
/** One database type for both drivers (PGlite and node-postgres). */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Queries take either, so they can run alone or inside a caller's transaction. */
export type DbOrTx = Db | Tx;
export type Driver = "pglite" | "postgres";

/** Rows of a raw `db.execute(sql…)`: both drivers return `{ rows }`. */
export async function rowsOf<T>(result: Promise<unknown> | unknown): Promise<T[]> {
  return ((await result) as { rows: T[] }).rows;
}
