import "server-only";
import { sql } from "drizzle-orm";
import { rowsOf, type DbOrTx } from "../db";

/**
 * The stock invariant: for every variant, the sum of its movements equals its stock now.
 * Returns the variants that break it (none, always); the tests and the benches call it on their database.
 */
export async function stockInvariantViolations(
  db: DbOrTx,
): Promise<{ variantId: string; stock: number; sum: number }[]> {
  return rowsOf(
    db.execute(sql`
      select v.id as "variantId", v.stock, coalesce(sum(m.delta), 0)::int as sum
      from variants v left join inventory_movements m on m.variant_id = v.id
      group by v.id, v.stock
      having coalesce(sum(m.delta), 0) <> v.stock`),
  );
}
