import "server-only";
export { getDb, getDbHandle, dbDriver, pingDb, closeDb } from "./client";
export { rowsOf, type Db, type Tx, type DbOrTx, type Driver } from "./types";
export { transactionWithRetry, isUniqueViolation } from "./retry";
export { isDatabaseUnavailable } from "./errors";
export * as schema from "./schema";
