import "server-only";
import { and, eq, inArray, isNull, notInArray } from "drizzle-orm";
import { AppError } from "../core/errors";
import { randomDigits } from "../core/ids";
import { isUniqueViolation, schema as s, type Tx } from "../db";

const closed = ["completed", "cancelled"] as const;
const ATTEMPTS = 8;

/**
 * Gives an order its 6-digit pickup code, unique among the open orders of its station (a partial unique
 * index guarantees it; a rare clash is retried inside a savepoint). Issuing twice keeps the first code.
 */
export async function issuePickupCode(tx: Tx, orderId: string, stationId: string): Promise<string> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const code = (await drawPickupCodes(tx, [{ orderId, stationId }])).get(orderId)!;
    try {
      const issued = await tx.transaction(async (sp) =>
        sp
          .update(s.orders)
          .set({ pickupCode: code })
          .where(and(eq(s.orders.id, orderId), isNull(s.orders.pickupCode)))
          .returning({ code: s.orders.pickupCode }),
      );
      if (issued[0]?.code) return issued[0].code;
      const [existing] = await tx.select({ code: s.orders.pickupCode }).from(s.orders).where(eq(s.orders.id, orderId));
      if (existing?.code) return existing.code;
      throw new AppError("NOT_FOUND", `order ${orderId} not found`);
    } catch (err) {
      if (!isUniqueViolation(err, "orders_open_pickup_code_key")) throw err;
    }
  }
  throw new AppError("INTERNAL", "could not find a free pickup code");
}

/**
 * Codes for orders about to be inserted: drawn for all, redrawn where one is already open at that station (or
 * drawn twice here). The caller inserts them inside a savepoint and draws again if the partial unique index
 * refuses one that another transaction took meanwhile.
 */
export async function drawPickupCodes(
  tx: Tx,
  orders: { orderId: string; stationId: string }[],
): Promise<Map<string, string>> {
  const codes = new Map<string, string>();
  const taken = new Set<string>();
  let pending = orders;
  for (let attempt = 0; attempt < ATTEMPTS && pending.length; attempt++) {
    const drawn = new Map<string, string>();
    for (const o of pending) {
      let code = randomDigits(6);
      while (taken.has(`${o.stationId}:${code}`)) code = randomDigits(6);
      taken.add(`${o.stationId}:${code}`);
      drawn.set(o.orderId, code);
    }
    const clashes = await tx
      .select({ stationId: s.orders.stationId, code: s.orders.pickupCode })
      .from(s.orders)
      .where(
        and(
          inArray(s.orders.stationId, [...new Set(pending.map((o) => o.stationId))]),
          inArray(s.orders.pickupCode, [...new Set(drawn.values())]),
          notInArray(s.orders.status, [...closed]),
        ),
      );
    const clashing = new Set(clashes.map((c) => `${c.stationId}:${c.code}`));
    for (const o of pending) {
      const code = drawn.get(o.orderId)!;
      if (!clashing.has(`${o.stationId}:${code}`)) codes.set(o.orderId, code);
    }
    pending = pending.filter((o) => !codes.has(o.orderId));
  }
  if (pending.length) throw new AppError("INTERNAL", "could not find a free pickup code");
  return codes;
}
