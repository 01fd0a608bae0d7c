import "server-only";
import { and, eq, inArray, isNull } from "drizzle-orm";
import { carryingTerms } from "../agreements";
import { schema as s, type Tx } from "../db";
import { closeDropsWhere } from "./drop-stock";
import { appendEvent } from "./events";

/**
 * When a carrying agreement ends (handed to lib/agreements' endAgreement as its `onEnded`), in the same
 * transaction, for the cooperative's products the streamer no longer carries:
 * - scheduled sessions lose them from their bag (and their pin, with an `unpinned` event);
 * - a session live at that moment keeps them in its bag as broadcast, but its pin of one is released and its
 *   open drops of them close (`unpinned`, `drop_closed`): nothing more is sold under the ended agreement — and no
 *   new pin or drop is possible, as the pin and drop checks ask for an agreement in force;
 * - ended and cancelled sessions, their pins, drops, events, replays and orders stay exactly as they were.
 */
export async function releaseUncarried(tx: Tx, ended: { streamerId: string; coopId: string; at: Date }): Promise<void> {
  const sessions = await tx
    .select({ id: s.liveSessions.id, status: s.liveSessions.status, pinned: s.liveSessions.pinnedProductId })
    .from(s.liveSessions)
    .where(and(eq(s.liveSessions.streamerId, ended.streamerId), inArray(s.liveSessions.status, ["scheduled", "live"])))
    .for("update");
  if (!sessions.length) return;
  const coopProducts = await tx
    .select({ id: s.products.id })
    .from(s.products)
    .where(eq(s.products.coopId, ended.coopId));
  const still = await carryingTerms(
    tx,
    ended.streamerId,
    coopProducts.map((p) => p.id),
    ended.at,
  );
  const released = coopProducts.map((p) => p.id).filter((id) => !still.has(id));
  if (!released.length) return;
  for (const session of sessions) {
    if (session.pinned && released.includes(session.pinned)) {
      await tx
        .update(s.livePins)
        .set({ unpinnedAt: ended.at })
        .where(and(eq(s.livePins.sessionId, session.id), isNull(s.livePins.unpinnedAt)));
      await tx
        .update(s.liveSessions)
        .set({ pinnedProductId: null, updatedAt: ended.at })
        .where(eq(s.liveSessions.id, session.id));
      await appendEvent(tx, session.id, "unpinned", { productId: session.pinned });
    }
    if (session.status === "scheduled") {
      await tx
        .delete(s.liveBagItems)
        .where(and(eq(s.liveBagItems.sessionId, session.id), inArray(s.liveBagItems.productId, released)));
    } else {
      await closeDropsWhere(
        tx,
        and(eq(s.liveDrops.sessionId, session.id), inArray(s.liveDrops.productId, released))!,
        ended.at,
      );
    }
  }
}
