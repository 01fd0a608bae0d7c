import "server-only";
import { and, eq } from "drizzle-orm";
import { isUniqueViolation, schema as s, transactionWithRetry, type Db, type DbOrTx, type Tx } from "../db";
import type { PlacedOrder } from "./place-order";

/**
 * Places an order at most once per (buyer, idempotency key): a double submit, a retry after a timeout, two tabs.
 * `replay` looks up what the key already made; it runs first inside the transaction (so a key already used
 * takes no stock, cap or seat again) and once more after the transaction failed on the orders' unique
 * (buyer, key) index — a twin request that committed first — so the second answer is the first one's.
 */
export async function placeOnce<T>(
  db: Db,
  steps: { replay: (db: DbOrTx) => Promise<T | null>; place: (tx: Tx) => Promise<T> },
): Promise<T> {
  try {
    return await transactionWithRetry(db, async (tx) => (await steps.replay(tx)) ?? steps.place(tx));
  } catch (err) {
    if (isUniqueViolation(err, "orders_buyer_idempotency_key")) {
      const first = await steps.replay(db);
      if (first) return first;
    }
    throw err;
  }
}

/** The order a buyer's idempotency key made, answered as a replay (`created: false`); null when none. */
export async function orderForKey(db: DbOrTx, buyerId: string, idempotencyKey: string): Promise<PlacedOrder | null> {
  const [order] = await db
    .select({ id: s.orders.id, number: s.orders.number })
    .from(s.orders)
    .where(and(eq(s.orders.buyerId, buyerId), eq(s.orders.idempotencyKey, idempotencyKey)));
  return order ? { ...order, created: false } : null;
}
