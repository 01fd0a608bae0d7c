import { eq, sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { setClockForTests } from "../core/clock";
import * as s from "../db/schema";
import { setupTestDb } from "../db/test-db";
import { buyDrop, endSession, openDrop, pinProduct, unpinProduct } from "../../tests/support/forms/live";
import { moneyWorld } from "../../tests/support/money-world";
import { createViewer, idemKey } from "../../tests/support/viewers";
import { readSessionReport, sessionReport, timeWeightedAverage } from "./session-report";

const t = setupTestDb();
afterEach(() => setClockForTests(null));

const T0 = new Date("2026-12-10T12:00:00Z"); // 20:00 in Shanghai
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

describe("a live session's report", () => {
  it("viewers over time, the pin's window, a drop's time to sell out, buyers over peak viewers", async () => {
    const w = await moneyWorld(t.db);
    setClockForTests(T0);
    const sessionId = await w.goLiveWithRice();
    await t.db.update(s.liveSessions).set({ startedAt: T0 }).where(eq(s.liveSessions.id, sessionId));
    // The presence reporter's `viewers` events, as it writes them when the count changes.
    for (const [minute, viewers] of [
      [0, 3],
      [10, 10],
      [20, 6],
    ] as const)
      await t.db.execute(
        sql`insert into live_events (session_id, type, payload, created_at) values (${sessionId}, 'viewers', ${JSON.stringify({ viewers })}::jsonb, ${at(minute)})`,
      );
    setClockForTests(at(5));
    await pinProduct(w.streamer, { sessionId, productId: w.rice.product.id });
    setClockForTests(at(6));
    const drop = await openDrop(w.streamer, {
      sessionId,
      variantId: w.riceVariant,
      price: "99",
      quantityCap: 3,
      perBuyerLimit: 2,
      durationSeconds: 600,
    });
    const [a, b, c] = [w.buyer, await createViewer(t.db), await createViewer(t.db)];
    setClockForTests(at(7));
    await buyDrop(a, { dropId: drop.dropId, quantity: 2, idempotencyKey: idemKey(), stationId: w.station.id });
    setClockForTests(at(8));
    await buyDrop(b, { dropId: drop.dropId, quantity: 1, idempotencyKey: idemKey(), stationId: w.station.id });
    setClockForTests(at(15));
    await unpinProduct(w.streamer, { sessionId });
    setClockForTests(at(16));
    const late = await openDrop(w.streamer, {
      sessionId,
      variantId: w.riceVariant,
      price: "99",
      quantityCap: 5,
      perBuyerLimit: 2,
      durationSeconds: 600,
    });
    await buyDrop(c, { dropId: late.dropId, quantity: 1, idempotencyKey: idemKey(), stationId: w.station.id });
    setClockForTests(at(30));
    await endSession(w.streamer, { sessionId });
    await t.db
      .update(s.liveSessions)
      .set({ endedAt: at(30) })
      .where(eq(s.liveSessions.id, sessionId));

    const r = await sessionReport(w.streamer, sessionId);
    // 3 viewers for 10 minutes, 10 for 10, 6 for 10: 190 viewer-minutes over 30 = 6.3.
    expect(r.totals).toEqual({
      peakViewers: 10,
      averageViewers: 6.3,
      orders: 3,
      units: 4,
      revenueFen: 4 * 9900,
      buyers: 3,
      conversion: 0.3,
    });
    expect(r.viewers.series[0]!.values).toEqual([3, 10, 6]);
    expect(r.tables.pins.rows).toEqual([["湖墩大米", "Test product", at(5).toISOString(), 10, 2, 3, 3 * 9900]]);
    expect(r.tables.drops.rows.map((d) => d.slice(3))).toEqual([
      [9900, 3, 120, 2, 3, 3 * 9900],
      [9900, 5, null, 1, 1, 9900],
    ]);
    // The featured cooperative sees it; someone else's streamer or cooperative, and a buyer, do not.
    expect((await sessionReport(w.member, sessionId)).totals.orders).toBe(3);
    for (const stranger of [
      await createViewer(t.db, { memberships: [{ kind: "streamer" }] }),
      await createViewer(t.db, { memberships: [{ kind: "coop", scopeId: "coop_else" }] }),
      w.buyer,
    ])
      await expect(sessionReport(stranger, sessionId)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(sessionReport(w.admin, "live_missing")).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await readSessionReport(t.db, sessionId, at(40))).totals.averageViewers).toBe(6.3);
  });

  it("the time-weighted average holds each count until the next change, within the broadcast", () => {
    const s0 = new Date("2026-12-10T12:00:00Z");
    const m = (n: number) => new Date(s0.getTime() + n * 60_000);
    expect(timeWeightedAverage([], s0, m(10))).toBe(0);
    expect(timeWeightedAverage([{ at: m(0), viewers: 4 }], s0, m(10))).toBe(4);
    expect(timeWeightedAverage([{ at: m(5), viewers: 8 }], s0, m(10))).toBe(4);
    expect(
      timeWeightedAverage(
        [
          { at: m(0), viewers: 2 },
          { at: m(1), viewers: 12 },
        ],
        s0,
        m(4),
      ),
    ).toBe(9.5);
  });
});
