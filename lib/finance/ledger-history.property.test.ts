import { eq, sql } from "drizzle-orm";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import type { Viewer } from "../auth/contract";
import { advanceClock, now, setClockForTests } from "../core/clock";
import * as s from "../db/schema";
import { createUser } from "../db/seed/factories";
import { setupTestDb } from "../db/test-db";
import { runPayouts } from "./payouts";
import { recordRemittance } from "./remittances";
import { settleManualPayout } from "./payouts";
import { confirmReturnFromCheckout, startOnlinePayment } from "../orders/online-payment";
import { processRefunds } from "../payments";
import { createTeamDeal, joinTeam, openTeam } from "../../tests/support/forms/group-buys";
import { cancelMyOrder, handOverCashRefund, refundHandedOverLine } from "../../tests/support/forms/orders";
import { moneyWorld, type MoneyWorld } from "../../tests/support/money-world";
import { setupFakeStripe } from "../../tests/support/stripe";
import { idemKey } from "../../tests/support/viewers";
import { accounts } from "../ledger/accounts";
import { balanceOf } from "../ledger/balances";
import { ledgerViolations } from "../ledger/invariants";

const t = setupTestDb();
const stripe = setupFakeStripe();
afterEach(() => setClockForTests(null));

/** Something that happens in a random history of one cooperative, its station and its streamer. */
type Op =
  | { op: "shop"; qty: number; online: boolean; oil: boolean }
  | { op: "drop"; qty: number }
  | { op: "team" }
  | { op: "delivery"; qty: number }
  | { op: "cancel"; pick: number }
  | { op: "handover"; pick: number }
  | { op: "refund"; pick: number; part: number }
  | { op: "cashBack" }
  | { op: "payouts"; settle: boolean }
  | { op: "remit" };

const pick = fc.nat({ max: 20 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant("shop" as const),
      qty: fc.integer({ min: 1, max: 3 }),
      online: fc.boolean(),
      oil: fc.boolean(),
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("drop" as const), qty: fc.integer({ min: 1, max: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("team" as const) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("delivery" as const), qty: fc.integer({ min: 1, max: 2 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("cancel" as const), pick }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant("handover" as const), pick }) },
  {
    weight: 3,
    arbitrary: fc.record({ op: fc.constant("refund" as const), pick, part: fc.integer({ min: 1, max: 100 }) }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("cashBack" as const) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("payouts" as const), settle: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("remit" as const) }) },
);

const local = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 16);
const swallow = (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (e: { code?: string }) => e.code ?? `${e}`,
  );

/** Runs one history; the invariants are checked after every step. */
async function play(ops: Op[]) {
  setClockForTests(new Date("2027-01-04T02:00:00Z"));
  const w = await moneyWorld(t.db);
  const other = await fastBuyer("李四");
  const session = await w.goLiveWithRice();
  const orders: { number: string; kind: "pickup" | "delivery" }[] = [];
  const chosen = (i: number) => (orders.length ? orders[i % orders.length]! : null);
  const trace: string[] = [];
  for (const o of ops) {
    trace.push(`${JSON.stringify(o)} → ${await step(w, other, session, orders, chosen, o)}`);
    advanceClock(60_000);
    const wrong = await ledgerViolations(t.db);
    if (wrong.length) throw new Error(`after ${trace.join("\n")}:\n${wrong.join("\n")}`);
  }
  return { w, trace };
}

async function step(
  w: MoneyWorld,
  other: Viewer,
  session: string,
  orders: { number: string; kind: "pickup" | "delivery" }[],
  chosen: (i: number) => { number: string; kind: "pickup" | "delivery" } | null,
  o: Op,
): Promise<string> {
  switch (o.op) {
    case "shop": {
      const number = await w.shopOrder([{ variantId: o.oil ? w.oilVariant : w.riceVariant, quantity: o.qty }], {
        paymentMethod: o.online ? "online" : "pay_at_pickup",
      });
      if (o.online) {
        const { url } = await startOnlinePayment(w.buyer, number, "http://shop.test");
        const sessionId = url.split("/pay/")[1]!;
        await stripe.fake.complete(sessionId, "paid");
        await confirmReturnFromCheckout(w.buyer, number, sessionId);
      }
      orders.push({ number, kind: "pickup" });
      return number;
    }
    case "drop": {
      const number = await w.dropSale(session, "99.90", o.qty);
      orders.push({ number, kind: "pickup" });
      return number;
    }
    case "team": {
      const at = now();
      const { id: dealId } = await createTeamDeal(w.member, {
        variantId: w.riceVariant,
        teamPrice: "100",
        teamSize: "2",
        formingHours: "24",
        stockCap: "10",
        activeFrom: local(new Date(at.getTime() - 3_600_000)),
        activeTo: local(new Date(at.getTime() + 2 * 86_400_000)),
      });
      const opened = await openTeam(w.buyer, { dealId, stationId: w.station.id, idempotencyKey: idemKey() });
      const joined = await joinTeam(other, {
        teamId: opened.teamId,
        stationId: w.station.id,
        idempotencyKey: idemKey(),
      });
      orders.push({ number: opened.orderNumber, kind: "pickup" }, { number: joined.orderNumber, kind: "pickup" });
      return `${opened.orderNumber} ${joined.orderNumber}`;
    }
    case "delivery": {
      const number = await w.deliveryOrder([{ variantId: w.oilVariant, quantity: o.qty }]);
      orders.push({ number, kind: "delivery" });
      return number;
    }
    case "cancel": {
      const target = chosen(o.pick);
      if (!target) return "none";
      const order = await w.orderOf(target.number);
      const who = order.buyerId === w.buyer.userId ? w.buyer : other;
      return swallow(cancelMyOrder(who, { number: target.number }).then(() => processRefunds()));
    }
    case "handover": {
      const target = chosen(o.pick);
      if (!target) return "none";
      const order = await w.orderOf(target.number);
      if (target.kind === "delivery") return swallow(w.deliver(target.number));
      if (!["placed", "confirmed", "dispatched", "ready_for_pickup"].includes(order.status)) return order.status;
      await w.toStation([target.number]);
      return swallow(w.handOver(target.number));
    }
    case "refund": {
      const target = chosen(o.pick);
      if (!target) return "none";
      const lines = await w.linesOf(target.number);
      const line = lines.find((l) => l.status !== "cancelled");
      if (!line) return "no line";
      const fen = Math.max(1, Math.floor((line.lineTotalFen * o.part) / 100));
      return swallow(
        refundHandedOverLine(w.member, {
          number: target.number,
          coopId: w.coop.id,
          lineId: line.id,
          amount: (fen / 100).toFixed(2),
          reason: "售后",
          idempotencyKey: idemKey(),
        }),
      );
    }
    case "cashBack": {
      const due = await t.db
        .select({ id: s.refunds.id })
        .from(s.refunds)
        .where(sql`${s.refunds.stationId} = ${w.station.id} and ${s.refunds.status} = 'requested'`);
      for (const r of due) await handOverCashRefund(w.manager, { stationId: w.station.id, refundId: r.id });
      return `${due.length} handed back`;
    }
    case "payouts": {
      advanceClock(8 * 86_400_000);
      const run = await runPayouts(w.admin);
      if (o.settle) {
        const pending = await t.db.select().from(s.payouts).where(eq(s.payouts.status, "pending"));
        for (const p of pending)
          await settleManualPayout(w.admin, { payoutId: p.id, outcome: "paid", bankReference: `B-${p.id}` });
      }
      return `${run.payouts} paid, ${run.totalFen} fen`;
    }
    case "remit": {
      const cash = await balanceOf(t.db, [accounts.stationCash(w.station.id)]);
      const commission = 0 - (await balanceOf(t.db, [accounts.station(w.station.id)]));
      const due = cash - Math.max(0, commission);
      if (due <= 0) return "nothing to remit";
      await recordRemittance(w.admin, { stationId: w.station.id, amount: due, reference: "缴款" });
      return `${due} remitted`;
    }
  }
}

async function fastBuyer(name: string): Promise<Viewer> {
  const u = await createUser(t.db, { name });
  return {
    userId: u.id,
    sessionId: "ses",
    name: u.name,
    email: u.email,
    phone: u.phone,
    caps: { admin: false, streamer: false, coopIds: [], stationIds: [] },
  };
}

describe("random histories keep the books (fast-check)", () => {
  it("orders over every channel, partial refunds, cancellations before and after handover, payouts in between", async () => {
    let steps = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 4, maxLength: 14 }), async (ops) => {
        const { trace } = await play(ops);
        if (process.env.SHOW_TRACE) console.log(trace.join("\n"));
        steps += trace.length;
      }),
      { numRuns: 15, endOnFailure: true },
    );
    expect(steps).toBeGreaterThanOrEqual(15 * 4);
    // Across every history: all balances still sum to zero, and no journal is off.
    expect(await ledgerViolations(t.db)).toEqual([]);
  });
});
