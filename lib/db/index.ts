import "server-only";
export { getDb, getDbHandle, dbDriver, pingDb, closeDb } from "./client";
export { rowsOf, type Db, type Tx, type DbOrTx, type Driver } from "./types";
export { transactionWithRetry, isUniqueViolation } from "./retry";
export { assertNoOpenTransaction, inTransaction, OpenTransactionError } from "./tx-guard";
export { isDatabaseUnavailable } from "./errors";
export * as schema from "./schema";
export { bulkInsert } from "./bulk-insert";
