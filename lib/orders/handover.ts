import "server-only";
import { and, eq, gt, isNull, notInArray, sql } from "drizzle-orm";
import { assertStationManager, hit, unhit } from "../auth";
import type { Viewer } from "../auth/contract";
import { AppError } from "../core/errors";
import { now } from "../core/clock";
import { getDb, schema as s, type Db } from "../db";
import { amountDueFen, postOrderFulfilled } from "../ledger";
import type { RedeemInput } from "./contract";

/** 10 attempts a minute per station, counted before the code is checked (a correct one is given back). */
export const wrongCodeLimit = { max: 10, windowSeconds: 60 };
/** Wrong codes against one order, from any station, before its code is locked until the buyer reissues it. */
export const ORDER_CODE_FAILURES = 5;

export interface Handover {
  number: string;
  buyerName: string;
  totalFen: number;
  paymentMethod: string;
  /** What the manager collects now: the total for pay-at-pickup orders, 0 for paid ones. */
  collectFen: number;
}

type Outcome = "completed" | "wrong" | "not_ready" | "rate_limited" | "locked";
const wrong = () => new AppError("VALIDATION", "wrong pickup code", { fields: { code: ["wrong_code"] } });
const closed = ["completed", "cancelled"] as const;

/**
 * The station hands an order over against its code. Only a ready, unlocked order of *this* station completes (and
 * its pay-at-pickup payment is recorded); a code of another station answers exactly like a wrong one. The attempt
 * is counted atomically before anything is checked, so concurrent guesses cannot all slip under the limit; a
 * correct code gives its count back. When the manager names the order, each wrong code (or another station's
 * attempt) counts against that order, and the fifth locks its code. One conditional UPDATE decides, so two
 * managers redeeming at once complete it once. Every attempt is logged.
 */
export async function redeemPickupCode(viewer: Viewer | null, input: RedeemInput): Promise<Handover> {
  const { stationId, code, number } = input;
  assertStationManager(viewer, stationId);
  const key = `pickup:attempt:${stationId}`;
  const db = await getDb();
  const log = (outcome: Outcome, orderId?: string) =>
    db
      .insert(s.pickupAttempts)
      .values({ stationId, actorId: viewer.userId, outcome, orderId: orderId ?? null, at: now() });
  const counted = await hit(key, wrongCodeLimit);
  if (counted.limited) {
    await log("rate_limited");
    throw new AppError("RATE_LIMITED", "too many pickup codes tried", {
      retryAfterSeconds: counted.retryAfterSeconds,
      params: { seconds: counted.retryAfterSeconds },
    });
  }
  const at = now();
  const done = await db.transaction(async (tx) => {
    const [order] = await tx
      .update(s.orders)
      .set({
        status: "completed",
        completedAt: at,
        updatedAt: at,
        paymentStatus: sql`case when ${s.orders.paymentMethod} = 'pay_at_pickup' then 'paid' else ${s.orders.paymentStatus} end`,
      })
      .where(
        and(
          eq(s.orders.stationId, stationId),
          eq(s.orders.pickupCode, code),
          eq(s.orders.status, "ready_for_pickup"),
          isNull(s.orders.pickupLockedAt),
          number ? eq(s.orders.number, number) : undefined,
        ),
      )
      .returning();
    if (!order) return null;
    await tx
      .insert(s.orderEvents)
      .values({ orderId: order.id, fromStatus: "ready_for_pickup", toStatus: "completed", actorId: viewer.userId, at });
    // Handed over: the cash taken at the counter and each line's shares, in this transaction.
    await postOrderFulfilled(tx, order.id, at);
    const [buyer] = await tx.select({ name: s.users.name }).from(s.users).where(eq(s.users.id, order.buyerId));
    const lines = await tx
      .select({ status: s.orderLines.status, lineTotalFen: s.orderLines.lineTotalFen })
      .from(s.orderLines)
      .where(eq(s.orderLines.orderId, order.id));
    return { order, buyerName: buyer?.name ?? "", dueFen: amountDueFen(lines, order.deliveryFeeFen) };
  });
  if (done) {
    await Promise.all([log("completed", done.order.id), unhit(key)]);
    const { order } = done;
    return {
      number: order.number,
      buyerName: done.buyerName,
      totalFen: order.totalFen,
      paymentMethod: order.paymentMethod,
      // Lines a cooperative cancelled before dispatch are not collected for.
      collectFen: order.paymentMethod === "pay_at_pickup" ? done.dueFen : 0,
    };
  }
  return refuseHandover(db, { stationId, code, number: number || null, at, log });
}

/** Why a handover did not happen, said as little as possible to a stranger: counted, logged, thrown. */
async function refuseHandover(
  db: Db,
  a: {
    stationId: string;
    code: string;
    number: string | null;
    at: Date;
    log: (o: Outcome, orderId?: string) => Promise<unknown>;
  },
): Promise<never> {
  const match = and(
    eq(s.orders.stationId, a.stationId),
    eq(s.orders.pickupCode, a.code),
    a.number ? eq(s.orders.number, a.number) : undefined,
  );
  const [open] = await db
    .select({
      id: s.orders.id,
      status: s.orders.status,
      lockedAt: s.orders.pickupLockedAt,
      deliveryDay: s.orders.deliveryDay,
    })
    .from(s.orders)
    .where(and(match, notInArray(s.orders.status, [...closed])));
  if (open?.lockedAt) {
    await a.log("locked", open.id);
    throw new AppError("PICKUP_LOCKED", "this order's pickup code is locked after too many wrong codes");
  }
  if (open) {
    await a.log("not_ready", open.id);
    if (open.deliveryDay)
      throw new AppError("NOT_ARRIVED", "order is not at the station yet", {
        params: { status: open.status, day: open.deliveryDay },
      });
    throw new AppError("INVALID_STATE", "order is not ready for pickup yet", { params: { status: open.status } });
  }
  const [collected] = await db
    .select({ id: s.orders.id })
    .from(s.orders)
    .where(
      and(match, eq(s.orders.status, "completed"), gt(s.orders.completedAt, new Date(a.at.getTime() - 86_400_000))),
    )
    .limit(1);
  if (collected) {
    await a.log("not_ready", collected.id);
    throw new AppError("INVALID_STATE", "this code was already used today", { params: { status: "completed" } });
  }
  const target = a.number ? await countFailure(db, a.number, a.at) : null;
  await a.log("wrong", target ?? undefined);
  throw wrong();
}

/** One more wrong code against a named open order, whichever station tried it; the fifth locks its code. */
async function countFailure(db: Db, number: string, at: Date): Promise<string | null> {
  const [row] = await db
    .update(s.orders)
    .set({
      pickupFailures: sql`${s.orders.pickupFailures} + 1`,
      pickupLockedAt: sql`case when ${s.orders.pickupFailures} + 1 >= ${ORDER_CODE_FAILURES} then ${at}::timestamptz else null end`,
    })
    .where(and(eq(s.orders.number, number), notInArray(s.orders.status, [...closed]), isNull(s.orders.pickupLockedAt)))
    .returning({ id: s.orders.id });
  return row?.id ?? null;
}
