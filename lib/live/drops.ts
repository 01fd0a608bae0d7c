import "server-only";
import { and, eq, gt, lte, sql } from "drizzle-orm";
import { assertCarried } from "../agreements";
import { assertViewer, enforce } from "../auth";
import type { Viewer } from "../auth/contract";
import { AppError } from "../core/errors";
import { now } from "../core/clock";
import { newId } from "../core/ids";
import { getDb, schema as s, type Tx } from "../db";
import { env } from "../env";
import { orderForKey, placeOnce, placeOrder, type PlacedOrder } from "../orders";
import { onlinePaymentsEnabled } from "../payments";
import type { BuyDropInput, CloseDropInput, OpenDropInput } from "./contract";
import { markActivity } from "./coalescer";
import { appendEvent } from "./events";
import { ownSession } from "./own-session";
import { dropDtos } from "./snapshot";
import { dropMachine } from "./state";

/** Drops sold online hold their stock for less time than the shop: a drop is over in minutes. */
const DROP_HOLD_MINUTES = 5;

/** The streamer opens a drop on a variant of a bag product, while the session is live. */
export async function openDrop(viewer: Viewer | null, input: OpenDropInput): Promise<{ dropId: string }> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const session = await ownSession(tx, viewer, input.sessionId, true);
    if (session.status !== "live") throw new AppError("INVALID_STATE", "drops open only while the session is live");
    const [variant] = await tx
      .select({ id: s.variants.id, productId: s.variants.productId })
      .from(s.variants)
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
    const [drop] = await dropDtos(tx, session.id, [dropId]);
    await appendEvent(tx, session.id, "drop_opened", { drop });
    return { dropId };
  });
}

async function closeDropTx(tx: Tx, sessionId: string, dropId: string, at: Date): Promise<boolean> {
  const rows = await tx
    .update(s.liveDrops)
    .set({ status: "closed", closedAt: at })
    .where(and(eq(s.liveDrops.id, dropId), eq(s.liveDrops.status, "open")))
    .returning({ id: s.liveDrops.id });
  if (rows.length) await appendEvent(tx, sessionId, "drop_closed", { dropId });
  return rows.length > 0;
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
    await closeDropTx(tx, session.id, drop.id, now());
  });
}

/** The sweep: drops past their end time close (with their event), once. */
export async function closeExpiredDrops(tx: Tx, at: Date): Promise<number> {
  const due = await tx
    .select({ id: s.liveDrops.id, sessionId: s.liveDrops.sessionId })
    .from(s.liveDrops)
    .where(and(eq(s.liveDrops.status, "open"), lte(s.liveDrops.closesAt, at)))
    .limit(100)
    .for("update", { skipLocked: true });
  for (const d of due) await closeDropTx(tx, d.sessionId, d.id, at);
  return due.length;
}

/**
 * Buys from a drop. One transaction: the drop must be open by the server clock in a live session; its
 * quantity is taken with a conditional UPDATE (sold + n <= cap); the buyer's units with a conditional upsert
 * (units + n <= limit) — never read-then-check; then the variant's stock and the order, priced at the drop
 * price and recording the session and the drop. Or nothing is written and the answer says why.
 */
export async function buyDrop(viewer: Viewer | null, input: BuyDropInput): Promise<PlacedOrder> {
  assertViewer(viewer);
  if (input.paymentMethod === "online" && !onlinePaymentsEnabled()) {
    throw new AppError("VALIDATION", "online payment is not available", {
      fields: { paymentMethod: ["online_unavailable"] },
    });
  }
  await enforce(`drop:user:${viewer.userId}`, { max: 60, windowSeconds: 60 }, "drop purchases");
  const db = await getDb();
  let sessionId = "";
  const placed = await placeOnce(db, {
    replay: (d) => orderForKey(d, viewer.userId, input.idempotencyKey),
    place: async (tx) => {
      const at = now();
      // A cheap read first turns most late buyers away without touching the hot row; the UPDATE below decides.
      const [found] = await tx
        .select({ drop: s.liveDrops, streamerId: s.liveSessions.streamerId })
        .from(s.liveDrops)
        .innerJoin(s.liveSessions, eq(s.liveSessions.id, s.liveDrops.sessionId))
        .where(eq(s.liveDrops.id, input.dropId));
      const seen = found?.drop;
      if (
        !seen ||
        seen.status !== "open" ||
        at < seen.opensAt ||
        at >= seen.closesAt ||
        seen.sold + input.quantity > seen.quantityCap
      ) {
        throw await whyNot(tx, input.dropId, at);
      }
      sessionId = seen.sessionId;
      // The agreement in force at the moment of the sale: its rate goes on the order line (and none, none sold).
      const terms = (await assertCarried(tx, found.streamerId, [seen.productId], at, "dropId")).get(seen.productId)!;
      const [mine] = await tx
        .insert(s.liveDropBuyers)
        .values({ dropId: seen.id, buyerId: viewer.userId, units: input.quantity })
        .onConflictDoUpdate({
          target: [s.liveDropBuyers.dropId, s.liveDropBuyers.buyerId],
          set: { units: sql`${s.liveDropBuyers.units} + ${input.quantity}` },
          setWhere: sql`${s.liveDropBuyers.units} + ${input.quantity} <= ${seen.perBuyerLimit}`,
        })
        .returning({ units: s.liveDropBuyers.units });
      if (!mine || mine.units > seen.perBuyerLimit)
        throw new AppError("LIMIT_REACHED", "per-buyer limit reached", { params: { limit: seen.perBuyerLimit } });
      const stationId = input.stationId ?? (await defaultStation(tx));
      const online = input.paymentMethod === "online";
      const placed = await placeOrder(tx, {
        buyerId: viewer.userId,
        channel: "live",
        lines: [{ variantId: seen.variantId, quantity: input.quantity }],
        unitPriceFen: () => seen.priceFen,
        fulfillment: { kind: "pickup", stationId },
        paymentMethod: input.paymentMethod,
        idempotencyKey: input.idempotencyKey,
        at,
        liveSessionId: seen.sessionId,
        dropId: seen.id,
        attribution: () => ({
          streamerId: found.streamerId,
          agreementId: terms.agreementId,
          commissionBps: terms.rateBps,
        }),
        ...(online
          ? {
              status: "awaiting_payment" as const,
              issueCode: false,
              holdExpiresAt: new Date(at.getTime() + Math.min(DROP_HOLD_MINUTES, env().PAYMENT_HOLD_MINUTES) * 60_000),
            }
          : {}),
      });
      // The drop's quantity last, with the conditional UPDATE that decides: its row lock is held only until commit.
      const [taken] = await tx
        .update(s.liveDrops)
        .set({ sold: sql`${s.liveDrops.sold} + ${input.quantity}` })
        .where(
          and(
            eq(s.liveDrops.id, input.dropId),
            eq(s.liveDrops.status, "open"),
            lte(s.liveDrops.opensAt, at),
            gt(s.liveDrops.closesAt, at),
            sql`${s.liveDrops.sold} + ${input.quantity} <= ${s.liveDrops.quantityCap}`,
            sql`exists (select 1 from live_sessions ls where ls.id = ${s.liveDrops.sessionId} and ls.status = 'live')`,
          ),
        )
        .returning({ id: s.liveDrops.id });
      if (!taken) throw await whyNot(tx, input.dropId, at);
      return placed;
    },
  });
  if (placed.created && sessionId) markActivity(sessionId);
  return placed;
}

async function whyNot(tx: Tx, dropId: string, at: Date): Promise<AppError> {
  const [d] = await tx.select().from(s.liveDrops).where(eq(s.liveDrops.id, dropId));
  if (!d) return new AppError("NOT_FOUND", "drop not found");
  const [session] = await tx
    .select({ status: s.liveSessions.status })
    .from(s.liveSessions)
    .where(eq(s.liveSessions.id, d.sessionId));
  if (d.status !== "open" || at < d.opensAt || at >= d.closesAt || session?.status !== "live")
    return new AppError("NOT_OPEN", "drop is not open");
  return new AppError("SOLD_OUT", "drop sold out", { params: { name: "", left: d.quantityCap - d.sold } });
}

/** Without a chosen station a drop order goes to the first open station (the buyer can change it later at checkout). */
async function defaultStation(tx: Tx): Promise<string> {
  const [st] = await tx
    .select({ id: s.stations.id })
    .from(s.stations)
    .where(eq(s.stations.status, "active"))
    .orderBy(s.stations.createdAt)
    .limit(1);
  if (!st) throw new AppError("VALIDATION", "no station", { fields: { stationId: ["unknown_station"] } });
  return st.id;
}
