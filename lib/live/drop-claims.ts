import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { assertCarried } from "../agreements";
import { AppError, isAppError } from "../core/errors";
import { now } from "../core/clock";
import { getDb, isDatabaseUnavailable, isUniqueViolation, schema as s, transactionWithRetry, type Tx } from "../db";
import { env } from "../env";
import { orderForKey, placeOrders, type OrderDraft, type PlacedOrder } from "../orders";
import type { BuyDropInput } from "./contract";
import { markActivity } from "./coalescer";
import { dropSoldOut, notOpen, rememberClosed, rememberSoldOut } from "./drop-state-cache";

/** Drops sold online hold their stock for less time than the shop: a drop is over in minutes. */
const DROP_HOLD_MINUTES = 5;
/** At most this many purchases share one transaction; the rest wait for the next. */
const MAX_BATCH = 250;

interface Claim {
  buyerId: string;
  input: BuyDropInput;
  resolve: (placed: PlacedOrder) => void;
  reject: (err: unknown) => void;
}

type Outcome = { ok: PlacedOrder } | { error: AppError };

// Per module copy, not on globalThis: a claim must be answered with this copy's AppError (the Node entry and Next's
// bundles each load lib/; each has its own queues, and the drop's row decides between them as between instances).
const queues = new Map<string, Claim[]>();

/**
 * Group commit: purchases of one drop queue in this process and are decided together. While one transaction is
 * deciding a batch, the next batch gathers; then one transaction decides all of it — the drop's row locked once,
 * each buyer's limit checked inside that lock, the units claimed with one conditional UPDATE, every order written
 * with one INSERT per table. Every buyer still gets their own order or their own clear answer, and only once the
 * transaction has committed: a crash loses nothing anyone was told they had. Across instances the drop's row
 * (locked FOR UPDATE by each batch) stays the only arbiter.
 */
export function claimDropUnits(buyerId: string, input: BuyDropInput): Promise<PlacedOrder> {
  return new Promise<PlacedOrder>((resolve, reject) => {
    const waiting = queues.get(input.dropId);
    if (waiting) {
      waiting.push({ buyerId, input, resolve, reject });
      return;
    }
    const queue: Claim[] = [{ buyerId, input, resolve, reject }];
    queues.set(input.dropId, queue);
    void drain(input.dropId, queue);
  });
}

async function drain(dropId: string, queue: Claim[]): Promise<void> {
  try {
    // Each batch starts only after the event loop has read what has arrived: a database that answers within
    // microtasks (PGlite runs in this thread) would otherwise decide every purchase alone, before the next request
    // is even parsed.
    for (;;) {
      await new Promise((r) => setImmediate(r));
      if (!queue.length) break;
      await decide(dropId, queue.splice(0, MAX_BATCH));
    }
  } finally {
    queues.delete(dropId);
  }
}

async function decide(dropId: string, claims: Claim[]): Promise<void> {
  let decided: { outcomes: Outcome[]; sessionId: string | null };
  try {
    const db = await getDb();
    decided = await transactionWithRetry(db, (tx) => decideInTx(tx, dropId, claims));
  } catch (err) {
    if (isDatabaseUnavailable(err)) {
      for (const c of claims) c.reject(err);
      return;
    }
    if (claims.length > 1) {
      // Something failed the whole batch (a clash with another instance's write): each purchase on its own.
      for (const c of claims) await decide(dropId, [c]);
      return;
    }
    const c = claims[0]!;
    // The same key's order was committed by another instance between our lookup and our insert.
    if (isUniqueViolation(err, "orders_buyer_idempotency_key")) {
      const first = await orderForKey(await getDb(), c.buyerId, c.input.idempotencyKey).catch(() => null);
      if (first) return c.resolve(first);
    }
    return c.reject(err);
  }
  claims.forEach((c, i) => {
    const o = decided.outcomes[i]!;
    if ("ok" in o) c.resolve(o.ok);
    else c.reject(o.error);
  });
  if (decided.sessionId && decided.outcomes.some((o) => "ok" in o && o.ok.created)) markActivity(decided.sessionId);
}

async function decideInTx(
  tx: Tx,
  dropId: string,
  claims: Claim[],
): Promise<{ outcomes: Outcome[]; sessionId: string | null }> {
  const at = now();
  const outcomes: (Outcome | undefined)[] = claims.map(() => undefined);
  const refuseRest = (error: AppError) => {
    for (let i = 0; i < claims.length; i++) outcomes[i] ??= { error };
  };

  // The drop's row, locked: every batch of every instance, and every cancellation of a drop order, waits here.
  const [found] = await tx
    .select({
      drop: s.liveDrops,
      sessionStatus: s.liveSessions.status,
      streamerId: s.liveSessions.streamerId,
      name: sql<string>`${s.products.nameZh} || ' ' || ${s.variants.labelZh}`,
    })
    .from(s.liveDrops)
    .innerJoin(s.liveSessions, eq(s.liveSessions.id, s.liveDrops.sessionId))
    .innerJoin(s.products, eq(s.products.id, s.liveDrops.productId))
    .innerJoin(s.variants, eq(s.variants.id, s.liveDrops.variantId))
    .where(eq(s.liveDrops.id, dropId))
    .for("update", { of: s.liveDrops });
  if (!found) {
    refuseRest(new AppError("NOT_FOUND", "drop not found"));
    return { outcomes: outcomes as Outcome[], sessionId: null };
  }
  const { drop } = found;

  // A retry of a purchase already made (a phone on a bad network) gets that order back, whatever happened since;
  // twins in this batch share the first one's answer.
  const replays = await tx
    .select({
      buyerId: s.orders.buyerId,
      key: s.orders.idempotencyKey,
      id: s.orders.id,
      number: s.orders.number,
    })
    .from(s.orders)
    .where(
      and(
        inArray(s.orders.buyerId, [...new Set(claims.map((c) => c.buyerId))]),
        inArray(s.orders.idempotencyKey, [...new Set(claims.map((c) => c.input.idempotencyKey))]),
      ),
    );
  const madeBefore = new Map(replays.map((r) => [`${r.buyerId}\n${r.key}`, r]));
  const leaderOf = new Map<string, number>();
  const followers: [number, number][] = [];
  claims.forEach((c, i) => {
    const key = `${c.buyerId}\n${c.input.idempotencyKey}`;
    const before = madeBefore.get(key);
    if (before) outcomes[i] = { ok: { id: before.id, number: before.number, created: false } };
    else if (leaderOf.has(key)) followers.push([i, leaderOf.get(key)!]);
    else leaderOf.set(key, i);
  });
  const leaders = [...leaderOf.values()];

  if (drop.status !== "open" || at < drop.opensAt || at >= drop.closesAt || found.sessionStatus !== "live") {
    rememberClosed(drop.id, found.name, drop.quantityCap);
    for (const i of leaders) outcomes[i] = { error: notOpen() };
  } else if (leaders.length) {
    try {
      await claimForLeaders(
        tx,
        { drop, streamerId: found.streamerId, name: found.name },
        claims,
        leaders,
        outcomes,
        at,
      );
    } catch (err) {
      // A rule that refuses the whole drop at this moment (the agreement ended, the variant was withdrawn).
      if (!isAppError(err) || err.code === "INTERNAL" || err.code === "UNAVAILABLE") throw err;
      for (const i of leaders) outcomes[i] = { error: err };
    }
  }
  for (const [i, leader] of followers) {
    const o = outcomes[leader]!;
    outcomes[i] = "ok" in o ? { ok: { ...o.ok, created: false } } : o;
  }
  return { outcomes: outcomes as Outcome[], sessionId: drop.sessionId };
}

type DropRow = typeof s.liveDrops.$inferSelect;

async function claimForLeaders(
  tx: Tx,
  ctx: { drop: DropRow; streamerId: string; name: string },
  claims: Claim[],
  leaders: number[],
  outcomes: (Outcome | undefined)[],
  at: Date,
): Promise<void> {
  const { drop } = ctx;
  // The agreement in force at the moment of the sale: its rate goes on the order lines (and none, none sold).
  const terms = (await assertCarried(tx, ctx.streamerId, [drop.productId], at, "dropId")).get(drop.productId)!;

  const chosen = [...new Set(leaders.flatMap((i) => claims[i]!.input.stationId ?? []))];
  const usable = new Set(
    chosen.length
      ? (
          await tx
            .select({ id: s.stations.id })
            .from(s.stations)
            .where(and(inArray(s.stations.id, chosen), eq(s.stations.status, "active")))
        ).map((r) => r.id)
      : [],
  );
  const fallback = leaders.some((i) => !claims[i]!.input.stationId) ? await defaultStation(tx) : null;

  // The buyers' units so far: read inside the drop's lock, which every writer of them holds too.
  const buyerIds = [...new Set(leaders.map((i) => claims[i]!.buyerId))];
  const units = new Map(
    (
      await tx
        .select({ buyerId: s.liveDropBuyers.buyerId, units: s.liveDropBuyers.units })
        .from(s.liveDropBuyers)
        .where(and(eq(s.liveDropBuyers.dropId, drop.id), inArray(s.liveDropBuyers.buyerId, buyerIds)))
    ).map((r) => [r.buyerId, r.units]),
  );

  // First come, first served, in the order the purchases reached this process.
  let left = drop.quantityCap - drop.sold;
  const accepted: { i: number; stationId: string }[] = [];
  const addedBy = new Map<string, number>();
  for (const i of leaders) {
    const { buyerId, input } = claims[i]!;
    const stationId = input.stationId ?? fallback;
    if (!stationId || !(input.stationId ? usable.has(stationId) : true)) {
      outcomes[i] = {
        error: new AppError("VALIDATION", "unknown station", { fields: { stationId: ["unknown_station"] } }),
      };
      continue;
    }
    const had = (units.get(buyerId) ?? 0) + (addedBy.get(buyerId) ?? 0);
    if (had + input.quantity > drop.perBuyerLimit) {
      outcomes[i] = {
        error: new AppError("LIMIT_REACHED", "per-buyer limit reached", { params: { limit: drop.perBuyerLimit } }),
      };
      continue;
    }
    if (input.quantity > left) {
      outcomes[i] = { error: dropSoldOut(ctx.name, left, drop.quantityCap) };
      continue;
    }
    left -= input.quantity;
    addedBy.set(buyerId, (addedBy.get(buyerId) ?? 0) + input.quantity);
    accepted.push({ i, stationId });
  }
  if (left === 0) rememberSoldOut(drop.id, ctx.name, drop.quantityCap);
  if (!accepted.length) return;

  // The same decisions, written with guards that would refuse them had anything been read wrong.
  const added = [...addedBy];
  const taken = await tx
    .insert(s.liveDropBuyers)
    .values(added.map(([buyerId, n]) => ({ dropId: drop.id, buyerId, units: n })))
    .onConflictDoUpdate({
      target: [s.liveDropBuyers.dropId, s.liveDropBuyers.buyerId],
      set: { units: sql`${s.liveDropBuyers.units} + excluded.units` },
      setWhere: sql`${s.liveDropBuyers.units} + excluded.units <= ${drop.perBuyerLimit}`,
    })
    .returning({ units: s.liveDropBuyers.units });
  const total = added.reduce((a, [, n]) => a + n, 0);
  const [claimed] = await tx
    .update(s.liveDrops)
    .set({ sold: sql`${s.liveDrops.sold} + ${total}` })
    .where(and(eq(s.liveDrops.id, drop.id), sql`${s.liveDrops.sold} + ${total} <= ${s.liveDrops.quantityCap}`))
    .returning({ id: s.liveDrops.id });
  if (taken.length !== added.length || taken.some((t) => t.units > drop.perBuyerLimit) || !claimed)
    throw new AppError("INTERNAL", "a drop's units changed under its lock");

  const holdMinutes = Math.min(DROP_HOLD_MINUTES, env().PAYMENT_HOLD_MINUTES);
  const drafts: OrderDraft[] = accepted.map(({ i, stationId }) => {
    const { buyerId, input } = claims[i]!;
    const online = input.paymentMethod === "online";
    return {
      buyerId,
      channel: "live",
      lines: [{ variantId: drop.variantId, quantity: input.quantity }],
      unitPriceFen: () => drop.priceFen,
      fulfillment: { kind: "pickup", stationId },
      paymentMethod: input.paymentMethod,
      idempotencyKey: input.idempotencyKey,
      at,
      liveSessionId: drop.sessionId,
      dropId: drop.id,
      stockHeld: true,
      attribution: () => ({
        streamerId: ctx.streamerId,
        agreementId: terms.agreementId,
        commissionBps: terms.rateBps,
      }),
      ...(online
        ? {
            status: "awaiting_payment" as const,
            issueCode: false,
            holdExpiresAt: new Date(at.getTime() + holdMinutes * 60_000),
          }
        : {}),
    };
  });
  const placed = await placeOrders(tx, drafts);
  accepted.forEach(({ i }, k) => (outcomes[i] = { ok: placed[k]! }));
}

/** Without a chosen station a drop order goes to the first open station (the buyer can change it later at checkout). */
async function defaultStation(tx: Tx): Promise<string | null> {
  const [st] = await tx
    .select({ id: s.stations.id })
    .from(s.stations)
    .where(eq(s.stations.status, "active"))
    .orderBy(s.stations.createdAt)
    .limit(1);
  return st?.id ?? null;
}
