import { eq } from "drizzle-orm";
import { errorMessage } from "../i18n/messages";
import { describe, expect, it } from "vitest";
import * as s from "../db/schema";
import { createCoop, createProduct, createStation } from "../db/seed/factories";
import { setupTestDb } from "../db/test-db";
import { stockInvariantViolations } from "../inventory/invariant";
import { createViewer, idemKey } from "../../tests/support/viewers";
import { actOnCoopLines, cancelMyOrder, checkout } from "../../tests/support/forms/orders";
import { getMyOrder } from "./buyer-queries";
import { coopOrdersCsv, listCoopOrders } from "./coop-queries";

const t = setupTestDb();

/** An order with lines from two cooperatives, A and B. */
async function twoCoopOrder(fulfillment: "pickup" | "delivery" = "pickup") {
  const coopA = await createCoop(t.db, { nameZh: "甲合作社" });
  const coopB = await createCoop(t.db, { nameZh: "乙合作社" });
  const station = await createStation(t.db);
  const a = (
    await createProduct(t.db, {
      coopId: coopA.id,
      nameZh: '=HYPERLINK("x")',
      variants: [{ priceFen: 1000, stock: 10 }],
    })
  ).variants[0]!;
  const b = (await createProduct(t.db, { coopId: coopB.id, variants: [{ priceFen: 2500, stock: 10 }] })).variants[0]!;
  const buyer = await createViewer(t.db);
  const memberA = await createViewer(t.db, { memberships: [{ kind: "coop", scopeId: coopA.id }] });
  const memberB = await createViewer(t.db, { memberships: [{ kind: "coop", scopeId: coopB.id }] });
  const lines = JSON.stringify([
    { variantId: a.id, quantity: 2 },
    { variantId: b.id, quantity: 1 },
  ]);
  const target =
    fulfillment === "pickup"
      ? { fulfillment, stationId: station.id, paymentMethod: "pay_at_pickup" }
      : {
          fulfillment,
          paymentMethod: "cash_on_delivery",
          recipient: "李四",
          phone: "13900000002",
          region: "浙江省嘉兴市",
          line: "西塘镇南苑西路 1 号",
        };
  const { number } = await checkout(buyer, { idempotencyKey: idemKey(), lines, ...target });
  return { number, coopA, coopB, a, b, buyer, memberA, memberB };
}

const stockOf = async (id: string) => (await t.db.select().from(s.variants).where(eq(s.variants.id, id)))[0]!.stock;

describe("order lifecycle", () => {
  it("each cooperative confirms and dispatches its own lines; the order follows them", async () => {
    const o = await twoCoopOrder("delivery");
    await actOnCoopLines(o.memberA, { number: o.number, coopId: o.coopA.id, action: "confirm" });
    expect((await getMyOrder(o.buyer, o.number)).status).toBe("placed");
    await actOnCoopLines(o.memberB, { number: o.number, coopId: o.coopB.id, action: "confirm" });
    expect((await getMyOrder(o.buyer, o.number)).status).toBe("confirmed");
    await actOnCoopLines(o.memberA, { number: o.number, coopId: o.coopA.id, action: "dispatch" });
    await actOnCoopLines(o.memberB, { number: o.number, coopId: o.coopB.id, action: "dispatch" });
    const order = await getMyOrder(o.buyer, o.number);
    expect(order.status).toBe("dispatched");
    expect(order.canCancel).toBe(false);
    expect(order.events.map((e) => e.toStatus)).toEqual([
      "placed",
      "confirmed",
      "confirmed",
      "confirmed",
      "dispatched",
      "dispatched",
      "dispatched",
    ]);
  });

  it("a cooperative sees and acts on its own lines only", async () => {
    const o = await twoCoopOrder();
    const seenByA = await listCoopOrders(o.memberA, o.coopA.id);
    expect(seenByA).toHaveLength(1);
    expect(seenByA[0]!.lines).toHaveLength(1);
    await expect(
      actOnCoopLines(o.memberA, { number: o.number, coopId: o.coopB.id, action: "confirm" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(listCoopOrders(o.memberA, o.coopB.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(listCoopOrders(o.buyer, o.coopA.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("an illegal step is refused with a clear error and writes nothing", async () => {
    const o = await twoCoopOrder();
    await expect(
      actOnCoopLines(o.memberA, { number: o.number, coopId: o.coopA.id, action: "dispatch" }),
    ).rejects.toMatchObject({ code: "DISPATCH_WITH_BATCH" });
    await expect(
      actOnCoopLines(o.memberA, { number: o.number, coopId: o.coopA.id, action: "delivered" }),
    ).rejects.toMatchObject({ code: "INVALID_STATE" });
    const order = await getMyOrder(o.buyer, o.number);
    expect(order.status).toBe("placed");
    expect(order.events).toHaveLength(1);
  });

  it("the buyer cancels before dispatch: stock returns once, even when cancelling twice at once", async () => {
    const o = await twoCoopOrder();
    const results = await Promise.allSettled([1, 2, 3].map(() => cancelMyOrder(o.buyer, { number: o.number })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await stockOf(o.a.id)).toBe(10);
    expect(await stockOf(o.b.id)).toBe(10);
    expect((await getMyOrder(o.buyer, o.number)).status).toBe("cancelled");
    expect(await stockInvariantViolations(t.db)).toEqual([]);
  });

  it("pickup orders are dispatched with their batch, not one by one — and the refusal says so", async () => {
    const o = await twoCoopOrder();
    await actOnCoopLines(o.memberA, { number: o.number, coopId: o.coopA.id, action: "confirm" });
    await expect(
      actOnCoopLines(o.memberA, { number: o.number, coopId: o.coopA.id, action: "dispatch" }),
    ).rejects.toMatchObject({ code: "DISPATCH_WITH_BATCH" });
    expect(errorMessage("DISPATCH_WITH_BATCH", "zh-CN")).toBe("自提订单随驿站批次发货:截单后在拣货单上整批发货。");
  });

  it("the buyer cannot cancel after dispatch, nor someone else's order", async () => {
    const o = await twoCoopOrder("delivery");
    const other = await createViewer(t.db);
    await expect(cancelMyOrder(other, { number: o.number })).rejects.toMatchObject({ code: "NOT_FOUND" });
    for (const [m, c] of [
      [o.memberA, o.coopA],
      [o.memberB, o.coopB],
    ] as const) {
      await actOnCoopLines(m, { number: o.number, coopId: c.id, action: "confirm" });
      await actOnCoopLines(m, { number: o.number, coopId: c.id, action: "dispatch" });
    }
    await expect(cancelMyOrder(o.buyer, { number: o.number })).rejects.toMatchObject({ code: "INVALID_STATE" });
    expect(await stockOf(o.a.id)).toBe(8);
  });

  it("a cooperative cancels its own lines: only its stock returns, the order goes on with the rest", async () => {
    const o = await twoCoopOrder();
    await actOnCoopLines(o.memberB, { number: o.number, coopId: o.coopB.id, action: "confirm" });
    await actOnCoopLines(o.memberA, { number: o.number, coopId: o.coopA.id, action: "cancel", reason: "缺货" });
    expect(await stockOf(o.a.id)).toBe(10);
    expect(await stockOf(o.b.id)).toBe(9);
    const order = await getMyOrder(o.buyer, o.number);
    expect(order.status).toBe("confirmed");
    expect(order.lines.find((l) => l.coopId === o.coopA.id)?.status).toBe("cancelled");
  });

  it("home delivery: out for delivery, then delivered records the cash payment", async () => {
    const o = await twoCoopOrder("delivery");
    for (const [m, c] of [
      [o.memberA, o.coopA],
      [o.memberB, o.coopB],
    ] as const) {
      await actOnCoopLines(m, { number: o.number, coopId: c.id, action: "confirm" });
      await actOnCoopLines(m, { number: o.number, coopId: c.id, action: "dispatch" });
    }
    await actOnCoopLines(o.memberA, { number: o.number, coopId: o.coopA.id, action: "out_for_delivery" });
    await actOnCoopLines(o.memberA, { number: o.number, coopId: o.coopA.id, action: "delivered" });
    expect(await getMyOrder(o.buyer, o.number)).toMatchObject({ status: "completed", paymentStatus: "paid" });
  });

  it("exports the cooperative's lines as CSV, neutralising formula cells", async () => {
    const o = await twoCoopOrder();
    const csv = await coopOrdersCsv(o.memberA, o.coopA.id);
    const rows = csv.trim().split("\r\n");
    expect(rows).toHaveLength(2);
    expect(rows[1]).toContain(o.number);
    expect(rows[1]).toContain(`"'=HYPERLINK(""x"")"`);
  });
});
