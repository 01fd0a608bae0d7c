import { AsyncLocalStorage } from "node:async_hooks";
import { env } from "../env";
import type { Db } from "./types";

/**
 * Knows whether the code running now is inside a `db.transaction(...)` callback, so that calls to the outside
 * world (Stripe, SMTP) can refuse to run there: on PGlite a transaction holds the only connection, and on
 * PostgreSQL it holds row locks, for as long as the provider takes to answer.
 *
 * The storage sits on globalThis: Next bundles route handlers and pages separately, and the copy of this module
 * that wrapped the database must be the one the payments adapter asks.
 */
interface Scope {
  open: boolean;
}
const KEY = Symbol.for("elian.tx-guard");
const g = globalThis as typeof globalThis & { [KEY]?: AsyncLocalStorage<Scope> };
const storage = (): AsyncLocalStorage<Scope> => (g[KEY] ??= new AsyncLocalStorage<Scope>());

/**
 * Makes every `db.transaction(work)` of this database run `work` inside a scope the guard can see. The scope
 * closes when `work` settles, so a promise started inside and still running after the commit is not blamed.
 * Savepoints (`tx.transaction`) run inside the outer scope already.
 */
export function guardTransactions<T extends Db>(db: T): T {
  const original = db.transaction.bind(db);
  const wrapped: Db["transaction"] = (work, config) =>
    original((tx) => {
      const scope: Scope = { open: true };
      return storage().run(scope, async () => {
        try {
          return await work(tx);
        } finally {
          scope.open = false;
        }
      });
    }, config);
  db.transaction = wrapped as T["transaction"];
  return db;
}

/** Whether a database transaction is open in the current async context. */
export function inTransaction(): boolean {
  return storage().getStore()?.open === true;
}

export class OpenTransactionError extends Error {
  override name = "OpenTransactionError";
}

/**
 * Throws (tests, development) or logs an error (production, where a payment must not break over it) when an
 * external call is made with a database transaction open. Claim the work in a short transaction, commit,
 * call, then record the result in a new transaction.
 */
export function assertNoOpenTransaction(what: string): void {
  if (!inTransaction()) return;
  const err = new OpenTransactionError(
    `${what} called with a database transaction open: claim the work, commit, then call`,
  );
  if (env().NODE_ENV === "production") {
    console.error("[tx-guard]", err);
    return;
  }
  throw err;
}
