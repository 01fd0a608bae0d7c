import { and, eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { setClockForTests } from "../core/clock";
import * as s from "../db/schema";
import { setupTestDb } from "../db/test-db";
import { stationWorld } from "../../tests/support/station-world";
import { getMyOrder } from "./buyer-queries";
import { redeemPickupCode, reissuePickupCode } from "../../tests/support/forms/orders";
import { ORDER_CODE_FAILURES, wrongCodeLimit } from "./handover";

const t = setupTestDb();
afterEach(() => setClockForTests(null));

const other = (code: string) => (code === "123456" ? "654321" : "123456");
const outcome = (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (e: { code?: string }) => e.code ?? "?",
  );

describe("pickup-code guessing", () => {
  it("20 wrong codes at once: the attempt is counted before the check, so exactly 10 are looked at and 10 get 429", async () => {
    const w = await stationWorld(t.db);
    const { code } = (await w.readyOrders())[0]!;
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        outcome(redeemPickupCode(w.manager, { stationId: w.station.id, code: other(code) })),
      ),
    );
    expect(results.filter((r) => r === "VALIDATION")).toHaveLength(wrongCodeLimit.max);
    expect(results.filter((r) => r === "RATE_LIMITED")).toHaveLength(20 - wrongCodeLimit.max);
    const attempts = await t.db.select().from(s.pickupAttempts).where(eq(s.pickupAttempts.stationId, w.station.id));
    expect(attempts.filter((a) => a.outcome === "wrong")).toHaveLength(10);
  });

  it("a correct handover gives its count back: a busy counter is not throttled by the codes that were right", async () => {
    const w = await stationWorld(t.db);
    const orders = await w.readyOrders(4);
    for (const o of orders) await redeemPickupCode(w.manager, { stationId: w.station.id, code: o.code });
    for (let i = 0; i < wrongCodeLimit.max; i++)
      expect(await outcome(redeemPickupCode(w.manager, { stationId: w.station.id, code: "000000" }))).toBe(
        "VALIDATION",
      );
    expect(await outcome(redeemPickupCode(w.manager, { stationId: w.station.id, code: "000000" }))).toBe(
      "RATE_LIMITED",
    );
  });

  it(`${ORDER_CODE_FAILURES} wrong codes named against one order, from two stations, lock its code until the buyer reissues it`, async () => {
    const w = await stationWorld(t.db);
    const { number, code } = (await w.readyOrders())[0]!;
    for (let i = 0; i < 3; i++)
      expect(await outcome(redeemPickupCode(w.manager, { stationId: w.station.id, code: other(code), number }))).toBe(
        "VALIDATION",
      );
    // Another station's manager naming this order: it answers like any wrong code, and counts against the order.
    for (let i = 0; i < 2; i++)
      expect(await outcome(redeemPickupCode(w.otherManager, { stationId: w.other.id, code: code, number }))).toBe(
        "VALIDATION",
      );
    const [locked] = await t.db.select().from(s.orders).where(eq(s.orders.number, number));
    expect(locked).toMatchObject({ pickupFailures: 5, status: "ready_for_pickup" });
    expect(locked!.pickupLockedAt).not.toBeNull();
    // The right code no longer works, named or typed alone; the buyer sees why.
    expect(await outcome(redeemPickupCode(w.manager, { stationId: w.station.id, code: code, number }))).toBe(
      "PICKUP_LOCKED",
    );
    expect(await outcome(redeemPickupCode(w.manager, { stationId: w.station.id, code: code }))).toBe("PICKUP_LOCKED");
    expect(await getMyOrder(w.buyer, number)).toMatchObject({ pickupLocked: true });
    // Someone else cannot reissue it; the buyer can, and only the new code works.
    await expect(reissuePickupCode(w.manager, { number })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const { code: fresh } = await reissuePickupCode(w.buyer, { number });
    expect(await getMyOrder(w.buyer, number)).toMatchObject({ pickupLocked: false, pickupCode: fresh });
    const [reset] = await t.db.select().from(s.orders).where(eq(s.orders.number, number));
    expect(reset).toMatchObject({ pickupFailures: 0, pickupLockedAt: null });
    if (fresh !== code)
      expect(await outcome(redeemPickupCode(w.manager, { stationId: w.station.id, code: code }))).toBe("VALIDATION");
    expect(await redeemPickupCode(w.manager, { stationId: w.station.id, code: fresh, number })).toMatchObject({
      number,
      collectFen: 6980,
    });
    const locks = await t.db
      .select()
      .from(s.pickupAttempts)
      .where(and(eq(s.pickupAttempts.stationId, w.station.id), eq(s.pickupAttempts.outcome, "locked")));
    expect(locks).toHaveLength(2);
  });

  it("a named order only completes with its own code", async () => {
    const w = await stationWorld(t.db);
    const [a, b] = await w.readyOrders(2);
    expect(
      await outcome(redeemPickupCode(w.manager, { stationId: w.station.id, code: b!.code, number: a!.number })),
    ).toBe("VALIDATION");
    expect((await getMyOrder(w.buyer, b!.number)).status).toBe("ready_for_pickup");
    expect(
      await redeemPickupCode(w.manager, { stationId: w.station.id, code: a!.code, number: a!.number }),
    ).toMatchObject({ number: a!.number });
  });
});

describe("a handover that cannot happen yet says why", () => {
  it("an order whose batch has not reached the station: NOT_ARRIVED with its day", async () => {
    const w = await stationWorld(t.db);
    setClockForTests(new Date("2026-11-28T13:59:00Z"));
    const { checkout } = await import("../../tests/support/forms/orders");
    const { number } = await checkout(w.buyer, {
      idempotencyKey: `arrive-${Date.now()}-0001`,
      lines: JSON.stringify([{ variantId: w.variant.id, quantity: 1 }]),
      fulfillment: "pickup",
      stationId: w.station.id,
      paymentMethod: "pay_at_pickup",
    });
    setClockForTests(null);
    const code = (await getMyOrder(w.buyer, number)).pickupCode!;
    await expect(redeemPickupCode(w.manager, { stationId: w.station.id, code })).rejects.toMatchObject({
      code: "NOT_ARRIVED",
      params: { day: "2026-11-29" },
    });
  });
});
