import { count, eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { isAppError } from "../core/errors";
import { setClockForTests } from "../core/clock";
import * as s from "../db/schema";
import { createCoop, createProduct, createStation } from "../db/seed/factories";
import { setupTestDb } from "../db/test-db";
import { stockInvariantViolations } from "../inventory/invariant";
import { getMyOrder } from "../orders";
import { createViewer, idemKey } from "../../tests/support/viewers";
import { createCampaign, orderFromCampaign } from "../../tests/support/forms/group-buys";
import { settleClosedCampaigns } from "./settle-campaigns";
import { getCampaign, listCoopCampaigns } from "./queries";

const t = setupTestDb();
afterEach(() => setClockForTests(null));

const OPEN = new Date("2026-11-28T02:00:00Z"); // 10:00 in Shanghai, inside the window below

async function world() {
  const coop = await createCoop(t.db);
  const stationA = await createStation(t.db);
  const stationB = await createStation(t.db);
  const { variants } = await createProduct(t.db, {
    coopId: coop.id,
    nameZh: "湖墩大米",
    variants: [{ priceFen: 6980, stock: 50 }],
  });
  const member = await createViewer(t.db, { memberships: [{ kind: "coop", scopeId: coop.id }] });
  const base = {
    variantId: variants[0]!.id,
    titleZh: "湖墩新米团购",
    titleEn: "Hudun new rice group buy",
    price: "59.00",
    stockCap: "20",
    opensAt: "2026-11-28T08:00",
    closesAt: "2026-11-29T20:00",
    pickupDay: "2026-12-01",
    stations: [stationA.id],
  };
  return { coop, stationA, stationB, variant: variants[0]!, member, base };
}

const campaigns = async () => (await t.db.select({ n: count() }).from(s.campaigns))[0]!.n;

describe("campaign creation", () => {
  it.each([
    ["close before open", { closesAt: "2026-11-28T07:00" }, "closesAt"],
    ["price 0", { price: "0" }, "price"],
    ["negative price", { price: "-5" }, "price"],
    ["cap 0", { stockCap: "0" }, "stockCap"],
    ["pickup before close", { pickupDay: "2026-11-29" }, "pickupDay"],
    ["minimum above cap", { minTotalQuantity: "21" }, "minTotalQuantity"],
  ])("%s → a field error on %s, nothing written", async (_, patch, field) => {
    const w = await world();
    const before = await campaigns();
    const err = await createCampaign(w.member, { ...w.base, ...patch }).catch((e: unknown) => e);
    expect((err as { issues: { path: string[] }[] }).issues.map((i) => i.path[0])).toContain(field);
    expect(await campaigns()).toBe(before);
  });

  it("unknown station → field error; another cooperative → 404", async () => {
    const w = await world();
    await expect(createCampaign(w.member, { ...w.base, stations: ["stn_nope"] })).rejects.toMatchObject({
      code: "VALIDATION",
      fields: { stations: ["unknown_station"] },
    });
    const stranger = await createViewer(t.db, { memberships: [{ kind: "coop", scopeId: "coop_else" }] });
    await expect(createCampaign(stranger, w.base)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("ordering from a campaign", () => {
  it("orders at the campaign price into the station's batch for the pickup day", async () => {
    const w = await world();
    const { id } = await createCampaign(w.member, w.base);
    const buyer = await createViewer(t.db);
    setClockForTests(OPEN);
    const placed = await orderFromCampaign(buyer, {
      campaignId: id,
      stationId: w.stationA.id,
      quantity: "2",
      idempotencyKey: idemKey(),
    });
    const order = await getMyOrder(buyer, placed.number);
    expect(order).toMatchObject({ channel: "campaign", subtotalFen: 11800 });
    const [row] = await t.db.select().from(s.orders).where(eq(s.orders.number, placed.number));
    expect(row?.deliveryDay).toBe("2026-12-01");
    expect((await getCampaign(id))?.sold).toBe(2);
  });

  it("refuses before it opens, after it closes, at a station it does not serve, and above its cap", async () => {
    const w = await world();
    const { id } = await createCampaign(w.member, { ...w.base, stockCap: "3" });
    const buyer = await createViewer(t.db);
    const order = (at: Date, quantity: number, stationId = w.stationA.id) => {
      setClockForTests(at);
      return orderFromCampaign(buyer, { campaignId: id, stationId, quantity, idempotencyKey: idemKey() }).catch(
        (e: unknown) => (isAppError(e) ? e.code : e),
      );
    };
    expect(await order(new Date("2026-11-27T23:00:00Z"), 1)).toBe("NOT_OPEN");
    expect(await order(new Date("2026-11-29T12:00:00Z"), 1)).toBe("NOT_OPEN");
    expect(await order(OPEN, 1, w.stationB.id)).toBe("VALIDATION");
    expect(await order(OPEN, 4)).toBe("SOLD_OUT");
    expect((await order(OPEN, 3)) as unknown).toMatchObject({ created: true });
    expect(await order(OPEN, 1)).toBe("SOLD_OUT");
  });

  it("a double submit with the same key is one order and takes the cap once", async () => {
    const w = await world();
    const { id } = await createCampaign(w.member, w.base);
    const buyer = await createViewer(t.db);
    setClockForTests(OPEN);
    const input = { campaignId: id, stationId: w.stationA.id, quantity: 2, idempotencyKey: idemKey() };
    const [a, b] = await Promise.all([orderFromCampaign(buyer, input), orderFromCampaign(buyer, input)]);
    const c = await orderFromCampaign(buyer, input);
    expect(new Set([a.number, b.number, c.number]).size).toBe(1);
    expect([a, b, c].filter((p) => p.created)).toHaveLength(1);
    expect((await getCampaign(id))?.sold).toBe(2);
  });

  it("buyers racing for the cap never take more than it", async () => {
    const w = await world();
    const { id } = await createCampaign(w.member, { ...w.base, stockCap: "10" });
    setClockForTests(OPEN);
    const buyers = await Promise.all(Array.from({ length: 30 }, () => createViewer(t.db)));
    const results = await Promise.all(
      buyers.map((b) =>
        orderFromCampaign(b, { campaignId: id, stationId: w.stationA.id, quantity: 1, idempotencyKey: idemKey() }).then(
          () => "ok",
          (e: unknown) => (isAppError(e) ? e.code : "x"),
        ),
      ),
    );
    expect(results.filter((r) => r === "ok")).toHaveLength(10);
    expect(results.filter((r) => r === "SOLD_OUT")).toHaveLength(20);
    expect((await getCampaign(id))?.sold).toBe(10);
  });
});

describe("settling at close", () => {
  it("below the minimum: every order cancelled, stock back, buyers told — once", async () => {
    const w = await world();
    const { id } = await createCampaign(w.member, { ...w.base, minTotalQuantity: "10" });
    setClockForTests(OPEN);
    const buyers = [await createViewer(t.db), await createViewer(t.db)];
    const numbers = [];
    for (const b of buyers)
      numbers.push(
        (
          await orderFromCampaign(b, {
            campaignId: id,
            stationId: w.stationA.id,
            quantity: 2,
            idempotencyKey: idemKey(),
          })
        ).number,
      );
    const close = new Date("2026-11-29T12:00:00Z");
    const r1 = await t.db.transaction((tx) => settleClosedCampaigns(tx, close));
    const r2 = await t.db.transaction((tx) => settleClosedCampaigns(tx, close));
    expect(r1.failed).toBeGreaterThanOrEqual(1);
    expect(r2).toEqual({ succeeded: 0, failed: 0 });
    for (const [i, b] of buyers.entries())
      expect(await getMyOrder(b, numbers[i]!)).toMatchObject({ status: "cancelled", cancelReason: "campaign_failed" });
    const [v] = await t.db.select().from(s.variants).where(eq(s.variants.id, w.variant.id));
    expect(v?.stock).toBe(50);
    const notes = await t.db.select().from(s.notifications).where(eq(s.notifications.kind, "campaign_failed"));
    expect(notes.filter((n) => buyers.some((b) => b.userId === n.userId))).toHaveLength(2);
    expect(await stockInvariantViolations(t.db)).toEqual([]);
  });

  it("at or above the minimum it succeeds and shows per-station totals to the cooperative", async () => {
    const w = await world();
    const { id } = await createCampaign(w.member, { ...w.base, minTotalQuantity: "2" });
    setClockForTests(OPEN);
    const buyer = await createViewer(t.db);
    const { number } = await orderFromCampaign(buyer, {
      campaignId: id,
      stationId: w.stationA.id,
      quantity: 3,
      idempotencyKey: idemKey(),
    });
    await t.db.transaction((tx) => settleClosedCampaigns(tx, new Date("2026-11-29T12:00:00Z")));
    expect((await getCampaign(id))?.status).toBe("succeeded");
    expect((await getMyOrder(buyer, number)).status).toBe("placed");
    const mine = (await listCoopCampaigns(w.member, w.coop.id)).find((c) => c.id === id);
    expect(mine?.perStation).toEqual([expect.objectContaining({ orders: 1, units: 3 })]);
  });
});
