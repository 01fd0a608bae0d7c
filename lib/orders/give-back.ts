import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { schema as s, type Tx } from "../db";
import { returnStock, type StockRef } from "../inventory";
import type { MovementReason } from "../inventory/contract";

/**
 * Units of cancelled lines go back where they came from, once (the caller cancelled the lines with a conditional
 * update). A drop order's units go back to the drop, and to the buyer's allowance in it: while the drop is open
 * they stay in it for the next buyer (the drop holds its units from the stock until it closes, and gives its
 * unsold rest back then); after it closed they go to the stock. Every other line's units go to the stock, with a
 * movement; a group buy's units to its campaign's cap as well.
 */
export async function giveBackUnits(
  tx: Tx,
  order: { id: string; campaignId: string | null; dropId: string | null; buyerId: string },
  lines: { variantId: string; quantity: number }[],
  ref: StockRef,
  reason: MovementReason,
): Promise<void> {
  const units = lines.reduce((a, l) => a + l.quantity, 0);
  if (units <= 0) return;
  let toStock = lines;
  if (order.dropId) {
    // The drop's row lock orders this against its close: whichever commits first, the units are given back once.
    const [drop] = await tx
      .update(s.liveDrops)
      .set({ sold: sql`${s.liveDrops.sold} - ${units}` })
      .where(eq(s.liveDrops.id, order.dropId))
      .returning({ status: s.liveDrops.status });
    await tx
      .update(s.liveDropBuyers)
      .set({ units: sql`greatest(${s.liveDropBuyers.units} - ${units}, 0)` })
      .where(and(eq(s.liveDropBuyers.dropId, order.dropId), eq(s.liveDropBuyers.buyerId, order.buyerId)));
    if (drop?.status === "open") toStock = [];
  }
  await returnStock(tx, toStock, ref, reason);
  if (order.campaignId) {
    await tx
      .update(s.campaigns)
      .set({ sold: sql`${s.campaigns.sold} - ${units}` })
      .where(eq(s.campaigns.id, order.campaignId));
  }
}
