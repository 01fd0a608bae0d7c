import "server-only";
import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Viewer } from "../auth/contract";
import { assertCarried } from "../agreements";
import { AppError } from "../core/errors";
import { now } from "../core/clock";
import { newId } from "../core/ids";
import { getDb, schema as s, type Tx } from "../db";
import type { BagInput, PinInput, UnpinInput } from "./contract";
import { appendEvent } from "./events";
import { ownSession } from "./own-session";
import { bagProduct } from "./products";

/** Sets the session's product bag, in the given order; hidden prices are kept back until revealed. */
export async function setBag(viewer: Viewer | null, input: BagInput): Promise<void> {
  const db = await getDb();
  await db.transaction(async (tx) => {
    const session = await ownSession(tx, viewer, input.sessionId, true);
    if (session.status === "ended" || session.status === "cancelled")
      throw new AppError("INVALID_STATE", `session is ${session.status}`);
    const ids = [...new Set(input.productIds)];
    if (ids.length) {
      const found = await tx
        .select({ id: s.products.id })
        .from(s.products)
        .innerJoin(s.cooperatives, eq(s.cooperatives.id, s.products.coopId))
        .where(
          and(inArray(s.products.id, ids), eq(s.products.status, "published"), eq(s.cooperatives.status, "approved")),
        );
      if (found.length !== ids.length)
        throw new AppError("VALIDATION", "unknown product", { fields: { productIds: ["invalid"] } });
      // Only what the streamer carries now (an agreement active and in force): NOT_CARRIED otherwise.
      await assertCarried(tx, session.streamerId, ids, now(), "productIds");
    }
    if (session.pinnedProductId && !ids.includes(session.pinnedProductId)) {
      throw new AppError("INVALID_STATE", "unpin the product before taking it out of the bag");
    }
    await tx.delete(s.liveBagItems).where(eq(s.liveBagItems.sessionId, session.id));
    if (ids.length) {
      await tx.insert(s.liveBagItems).values(
        ids.map((productId, position) => ({
          sessionId: session.id,
          productId,
          position,
          priceRevealed: !input.hiddenPriceIds.includes(productId),
        })),
      );
    }
  });
}

async function closeOpenPin(tx: Tx, sessionId: string, at: Date) {
  await tx
    .update(s.livePins)
    .set({ unpinnedAt: at })
    .where(and(eq(s.livePins.sessionId, sessionId), isNull(s.livePins.unpinnedAt)));
}

/** Pins a bag product (讲解中): one at a time, written to the pin history for the replay. */
export async function pinProduct(viewer: Viewer | null, input: PinInput): Promise<{ eventId: number }> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const session = await ownSession(tx, viewer, input.sessionId, true);
    if (session.status !== "live" && session.status !== "scheduled")
      throw new AppError("INVALID_STATE", `session is ${session.status}`);
    const product = await bagProduct(tx, session.id, input.productId);
    if (!product)
      throw new AppError("VALIDATION", "product is not in the session's bag", {
        fields: { productId: ["not_in_bag"] },
      });
    const at = now();
    await assertCarried(tx, session.streamerId, [product.productId], at, "productId");
    await closeOpenPin(tx, session.id, at);
    await tx
      .insert(s.livePins)
      .values({ id: newId("pin"), sessionId: session.id, productId: product.productId, pinnedAt: at });
    await tx
      .update(s.liveSessions)
      .set({ pinnedProductId: product.productId, updatedAt: at })
      .where(eq(s.liveSessions.id, session.id));
    return { eventId: await appendEvent(tx, session.id, "pinned", { product }) };
  });
}

export async function unpinProduct(viewer: Viewer | null, { sessionId }: UnpinInput): Promise<void> {
  const db = await getDb();
  await db.transaction(async (tx) => {
    const session = await ownSession(tx, viewer, sessionId, true);
    if (!session.pinnedProductId) throw new AppError("INVALID_STATE", "nothing is pinned");
    const at = now();
    await closeOpenPin(tx, session.id, at);
    await tx
      .update(s.liveSessions)
      .set({ pinnedProductId: null, updatedAt: at })
      .where(eq(s.liveSessions.id, session.id));
    await appendEvent(tx, session.id, "unpinned", { productId: session.pinnedProductId });
  });
}

/** Reveals a hidden price to every viewer at once. */
export async function revealPrice(viewer: Viewer | null, input: PinInput): Promise<void> {
  const db = await getDb();
  await db.transaction(async (tx) => {
    const session = await ownSession(tx, viewer, input.sessionId, true);
    const rows = await tx
      .update(s.liveBagItems)
      .set({ priceRevealed: true })
      .where(
        and(
          eq(s.liveBagItems.sessionId, session.id),
          eq(s.liveBagItems.productId, input.productId),
          eq(s.liveBagItems.priceRevealed, false),
        ),
      )
      .returning({ id: s.liveBagItems.productId });
    if (!rows.length)
      throw new AppError("INVALID_STATE", "that price is not hidden (or the product is not in the bag)");
    await appendEvent(tx, session.id, "price_revealed", { product: await bagProduct(tx, session.id, input.productId) });
  });
}
