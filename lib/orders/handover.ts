import "server-only";
import { and, eq, gt, notInArray, sql } from "drizzle-orm";
import { z } from "zod";
import { assertStationManager, hit, peek } from "../auth";
import type { Viewer } from "../auth/contract";
import { AppError } from "../core/errors";
import { now } from "../core/clock";
import { getDb, schema as s } from "../db";

export const redeemInput = z.strictObject({
  stationId: z.string().min(1).max(64),
  code: z
    .string()
    .trim()
    .transform((v) => v.replace(/\D/g, ""))
    .pipe(z.string().regex(/^\d{6}$/, "invalid_code")),
});

/** 10 wrong codes a minute per station, then 429: with 6 digits a guesser needs ~70 days per hit. */
export const wrongCodeLimit = { max: 10, windowSeconds: 60 };

export interface Handover {
  number: string;
  buyerName: string;
  totalFen: number;
  paymentMethod: string;
  /** What the manager collects now: the total for pay-at-pickup orders, 0 for paid ones. */
  collectFen: number;
}

const wrong = () => new AppError("VALIDATION", "wrong pickup code", { fields: { code: ["wrong_code"] } });

/**
 * The station hands an order over against its code. Only a ready order of *this* station completes (and its
 * pay-at-pickup payment is recorded); a code of another station answers exactly like a wrong one. One
 * conditional UPDATE decides, so two managers redeeming at once complete it once. Every attempt is logged.
 */
export async function redeemPickupCode(viewer: Viewer | null, raw: unknown): Promise<Handover> {
  const { stationId, code } = redeemInput.parse(raw);
  assertStationManager(viewer, stationId);
  const key = `pickup:wrong:${stationId}`;
  const db = await getDb();
  const log = (outcome: "completed" | "wrong" | "not_ready" | "rate_limited", orderId?: string) =>
    db.insert(s.pickupAttempts).values({ stationId, actorId: viewer.userId, outcome, orderId: orderId ?? null, at: now() });
  const limit = await peek(key, wrongCodeLimit);
  if (limit.limited) {
    await log("rate_limited");
    throw new AppError("RATE_LIMITED", "too many wrong pickup codes", { retryAfterSeconds: limit.retryAfterSeconds, params: { seconds: limit.retryAfterSeconds } });
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
      .where(and(eq(s.orders.stationId, stationId), eq(s.orders.pickupCode, code), eq(s.orders.status, "ready_for_pickup")))
      .returning();
    if (!order) return null;
    await tx.insert(s.orderEvents).values({ orderId: order.id, fromStatus: "ready_for_pickup", toStatus: "completed", actorId: viewer.userId, at });
    const [buyer] = await tx.select({ name: s.users.name }).from(s.users).where(eq(s.users.id, order.buyerId));
    return { order, buyerName: buyer?.name ?? "" };
  });
  if (done) {
    await log("completed", done.order.id);
    const { order } = done;
    return { number: order.number, buyerName: done.buyerName, totalFen: order.totalFen, paymentMethod: order.paymentMethod, collectFen: order.paymentMethod === "pay_at_pickup" ? order.totalFen : 0 };
  }
  const [open] = await db
    .select({ id: s.orders.id, status: s.orders.status })
    .from(s.orders)
    .where(and(eq(s.orders.stationId, stationId), eq(s.orders.pickupCode, code), notInArray(s.orders.status, ["completed", "cancelled"])));
  if (open) {
    await log("not_ready", open.id);
    throw new AppError("INVALID_STATE", "order is not ready for pickup yet", { params: { status: open.status } });
  }
  const [collected] = await db
    .select({ id: s.orders.id })
    .from(s.orders)
    .where(and(eq(s.orders.stationId, stationId), eq(s.orders.pickupCode, code), eq(s.orders.status, "completed"), gt(s.orders.completedAt, new Date(at.getTime() - 86_400_000))))
    .limit(1);
  if (collected) {
    await log("not_ready", collected.id);
    throw new AppError("INVALID_STATE", "this code was already used today", { params: { status: "completed" } });
  }
  await log("wrong");
  await hit(key, wrongCodeLimit);
  throw wrong();
}
