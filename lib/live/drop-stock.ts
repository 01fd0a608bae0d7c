import "server-only";
import { and, eq, type SQL } from "drizzle-orm";
import { AppError, isAppError } from "../core/errors";
import { schema as s, type Tx } from "../db";
import { returnStock, takeStock } from "../inventory";
import { appendEvent } from "./events";
import { forgetDropState } from "./drop-state-cache";

/**
 * A drop holds its units from the variant's stock while it is open: all of them, with one movement, when it
 * opens. A purchase then only moves units inside the drop (its `sold`), so it locks the drop's row and never
 * the variant's. Refused, with the field named, when the stock is short.
 */
export async function reserveDropUnits(
  tx: Tx,
  drop: { id: string; variantId: string; quantityCap: number; label: string },
  actorId: string,
): Promise<void> {
  try {
    await takeStock(
      tx,
      [{ variantId: drop.variantId, quantity: drop.quantityCap, label: drop.label }],
      { refType: "drop", refId: drop.id, actorId },
      "drop_reserve",
    );
  } catch (err) {
    if (isAppError(err) && err.code === "SOLD_OUT")
      throw new AppError("VALIDATION", "the drop's quantity is more than the stock", {
        fields: { quantityCap: ["over_stock"] },
      });
    throw err;
  }
}

/**
 * Closes the open drops matching `where` (the streamer's close, the end of its time, the end of the session, an
 * agreement ending): each gives its unsold units back to the stock with one movement and writes drop_closed. The
 * conditional UPDATE makes a second close of the same drop a no-op, so nothing is given back twice; units of a
 * drop order cancelled after the close go back to the stock with that order (lib/orders give-back).
 */
export async function closeDropsWhere(tx: Tx, where: SQL, at: Date): Promise<string[]> {
  const closed = await tx
    .update(s.liveDrops)
    .set({ status: "closed", closedAt: at })
    .where(and(eq(s.liveDrops.status, "open"), where))
    .returning({
      id: s.liveDrops.id,
      sessionId: s.liveDrops.sessionId,
      variantId: s.liveDrops.variantId,
      cap: s.liveDrops.quantityCap,
      sold: s.liveDrops.sold,
    });
  for (const d of closed.sort((a, b) => (a.id < b.id ? -1 : 1))) {
    await returnStock(
      tx,
      [{ variantId: d.variantId, quantity: d.cap - d.sold }],
      { refType: "drop", refId: d.id },
      "drop_release",
    );
    await appendEvent(tx, d.sessionId, "drop_closed", { dropId: d.id });
    forgetDropState(d.id);
  }
  return closed.map((d) => d.id);
}
