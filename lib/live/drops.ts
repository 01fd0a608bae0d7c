import "server-only";
import { and, eq, inArray, lte } from "drizzle-orm";
import { assertCarried } from "../agreements";
import { assertViewer, enforceLocal } from "../auth";
import type { Viewer } from "../auth/contract";
import { AppError } from "../core/errors";
import { now } from "../core/clock";
import { newId } from "../core/ids";
import { getDb, schema as s, type Tx } from "../db";
import { orderForKey, type PlacedOrder } from "../orders";
import { onlinePaymentsEnabled } from "../payments";
import type { BuyDropInput, CloseDropInput, OpenDropInput } from "./contract";
import { claimDropUnits } from "./drop-claims";
import { knownRefusal } from "./drop-state-cache";
import { closeDropsWhere, reserveDropUnits } from "./drop-stock";
import { appendEvent } from "./events";
import { ownSession } from "./own-session";
import { dropDtos } from "./snapshot";
import { dropMachine } from "./state";

/**
 * The streamer opens a drop on a variant of a bag product, while the session is live. Its units are reserved from
 * the variant's stock at once (refused when the stock is short), and the unsold rest goes back when it closes.
 */
export async function openDrop(viewer: Viewer | null, input: OpenDropInput): Promise<{ dropId: string }> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const session = await ownSession(tx, viewer, input.sessionId, true);
    if (session.status !== "live") throw new AppError("INVALID_STATE", "drops open only while the session is live");
    const [variant] = await tx
      .select({
        id: s.variants.id,
        productId: s.variants.productId,
        labelZh: s.variants.labelZh,
        nameZh: s.products.nameZh,
      })
      .from(s.variants)
      .innerJoin(s.products, eq(s.products.id, s.variants.productId))
      .innerJoin(
        s.liveBagItems,
        and(eq(s.liveBagItems.productId, s.variants.productId), eq(s.liveBagItems.sessionId, session.id)),
      )
      .where(and(eq(s.variants.id, input.variantId), eq(s.variants.status, "active")));
    if (!variant)
      throw new AppError("VALIDATION", "variant is not in the session's bag", {
        fields: { variantId: ["not_in_bag"] },
      });
    const at = now();
    await assertCarried(tx, session.streamerId, [variant.productId], at, "variantId");
    const dropId = newId("drop");
    await tx.insert(s.liveDrops).values({
      id: dropId,
      sessionId: session.id,
      productId: variant.productId,
      variantId: variant.id,
      priceFen: input.price,
      quantityCap: input.quantityCap,
      perBuyerLimit: input.perBuyerLimit,
      opensAt: at,
      closesAt: new Date(at.getTime() + input.durationSeconds * 1000),
    });
    await reserveDropUnits(
      tx,
      {
        id: dropId,
        variantId: variant.id,
        quantityCap: input.quantityCap,
        label: `${variant.nameZh} ${variant.labelZh}`,
      },
      session.streamerId,
    );
    const [drop] = await dropDtos(tx, session.id, [dropId]);
    await appendEvent(tx, session.id, "drop_opened", { drop });
    return { dropId };
  });
}

/** The streamer closes a drop early. */
export async function closeDrop(viewer: Viewer | null, input: CloseDropInput): Promise<void> {
  const db = await getDb();
  await db.transaction(async (tx) => {
    const session = await ownSession(tx, viewer, input.sessionId, true);
    const [drop] = await tx
      .select()
      .from(s.liveDrops)
      .where(and(eq(s.liveDrops.id, input.dropId), eq(s.liveDrops.sessionId, session.id)));
    if (!drop) throw new AppError("NOT_FOUND", "drop not found");
    dropMachine.assert(drop.status, "closed");
    await closeDropsWhere(tx, eq(s.liveDrops.id, drop.id), now());
  });
}

/** The sweep: drops past their end time close (giving their unsold units back, with their event), once. */
export async function closeExpiredDrops(tx: Tx, at: Date): Promise<number> {
  const due = await tx
    .select({ id: s.liveDrops.id })
    .from(s.liveDrops)
    .where(and(eq(s.liveDrops.status, "open"), lte(s.liveDrops.closesAt, at)))
    .orderBy(s.liveDrops.id)
    .limit(100)
    .for("update", { skipLocked: true });
  if (!due.length) return 0;
  const closed = await closeDropsWhere(
    tx,
    inArray(
      s.liveDrops.id,
      due.map((d) => d.id),
    ),
    at,
  );
  return closed.length;
}

/**
 * Buys from a drop: the per-buyer limit, the drop's units and the order are decided inside the drop's row lock,
 * together with the purchases that arrived at the same moment (claimDropUnits) — or nothing is written and the
 * answer says why (已抢光 naming the product, the limit, not open). A retry with the same idempotency key gets the
 * first order back. Once this process has seen the drop sold out or closed, buyers are answered from that
 * (after checking whether their key already bought) without waiting for the drop's row.
 */
export async function buyDrop(viewer: Viewer | null, input: BuyDropInput): Promise<PlacedOrder> {
  assertViewer(viewer);
  if (input.paymentMethod === "online" && !onlinePaymentsEnabled()) {
    throw new AppError("VALIDATION", "online payment is not available", {
      fields: { paymentMethod: ["online_unavailable"] },
    });
  }
  // In memory, not a database write: the drop's row judges every purchase anyway.
  enforceLocal(`drop:user:${viewer.userId}`, { max: 60, windowSeconds: 60 }, "drop purchases");
  const refusal = knownRefusal(input.dropId);
  if (refusal) {
    const made = await orderForKey(await getDb(), viewer.userId, input.idempotencyKey);
    if (made) return made;
    throw refusal;
  }
  return claimDropUnits(viewer.userId, input);
}
