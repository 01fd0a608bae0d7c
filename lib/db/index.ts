import "server-only";
export { getDb, getDbHandle, dbDriver, pingDb, closeDb } from "./client";
export type { Db, Tx, DbOrTx, Driver } from "./types";
export * as schema from "./schema";
