import "server-only";
import { and, eq, isNull, notInArray } from "drizzle-orm";
import { AppError } from "../core/errors";
import { randomDigits } from "../core/ids";
import { isUniqueViolation, schema as s, type Tx } from "../db";

const closed = ["completed", "cancelled"] as const;

/**
 * Gives an order its 6-digit pickup code, unique among the open orders of its station (a partial unique
 * index guarantees it; a rare clash is retried inside a savepoint). Issuing twice keeps the first code.
 */
export async function issuePickupCode(tx: Tx, orderId: string, stationId: string): Promise<string> {
  for (let attempt = 0; attempt < 8; attempt++) {
    const code = randomDigits(6);
    const [clash] = await tx
      .select({ id: s.orders.id })
      .from(s.orders)
      .where(
        and(eq(s.orders.stationId, stationId), eq(s.orders.pickupCode, code), notInArray(s.orders.status, [...closed])),
      )
      .limit(1);
    if (clash) continue;
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
