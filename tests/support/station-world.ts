import { sql } from "drizzle-orm";
import { setClockForTests } from "../../lib/core/clock";
import { createCoop, createProduct, createStation } from "../../lib/db/seed/factories";
import type { Db } from "../../lib/db/types";
import { rowsOf } from "../../lib/db/types";
import { lockDueBatches } from "../../lib/orders/batches";
import { checkout, dispatchBatch, receiveBatch } from "./forms/orders";
import { createViewer, idemKey } from "./viewers";

// 2026-11-28 21:59 in Shanghai (UTC+8); the station's cutoff is 22:00.
export const BEFORE_CUTOFF = new Date("2026-11-28T13:59:00Z");
const CUTOFF = new Date("2026-11-28T14:00:00Z");

/** A cooperative, two stations with a manager each, a buyer and a member: what a handover test needs. */
export async function stationWorld(db: Db) {
  const coop = await createCoop(db);
  const station = await createStation(db, { cutoffTime: "22:00", pickupExpiryDays: 3 });
  const other = await createStation(db);
  const { variants } = await createProduct(db, {
    coopId: coop.id,
    nameZh: "湖墩大米",
    variants: [{ priceFen: 6980, stock: 100 }],
  });
  const buyer = await createViewer(db, { name: "张小禾" });
  const member = await createViewer(db, { memberships: [{ kind: "coop", scopeId: coop.id }] });
  const manager = await createViewer(db, { memberships: [{ kind: "station", scopeId: station.id }] });
  const otherManager = await createViewer(db, { memberships: [{ kind: "station", scopeId: other.id }] });
  /** `n` pay-at-pickup orders at the station, carried through cutoff, dispatch and receipt: ready, with their codes. */
  const readyOrders = async (n = 1): Promise<{ number: string; code: string }[]> => {
    setClockForTests(BEFORE_CUTOFF);
    const numbers: string[] = [];
    for (let i = 0; i < n; i++) {
      const line = JSON.stringify([{ variantId: variants[0]!.id, quantity: 1 }]);
      numbers.push(
        (
          await checkout(buyer, {
            idempotencyKey: idemKey(),
            lines: line,
            fulfillment: "pickup",
            stationId: station.id,
            paymentMethod: "pay_at_pickup",
          })
        ).number,
      );
    }
    const [row] = await rowsOf<{ batch_id: string }>(
      db.execute(
        sql`select distinct l.batch_id from orders o join order_lines l on l.order_id = o.id where o.number = ${numbers[0]!}`,
      ),
    );
    setClockForTests(CUTOFF);
    await db.transaction((tx) => lockDueBatches(tx, CUTOFF));
    await dispatchBatch(member, { batchId: row!.batch_id });
    await receiveBatch(manager, { batchId: row!.batch_id });
    setClockForTests(null);
    const codes = await rowsOf<{ number: string; pickup_code: string }>(
      db.execute(sql`select number, pickup_code from orders where number in ${numbers}`),
    );
    return numbers.map((number) => ({ number, code: codes.find((c) => c.number === number)!.pickup_code }));
  };
  return { coop, station, other, variant: variants[0]!, buyer, member, manager, otherManager, readyOrders };
}
