import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { setClockForTests } from "../core/clock";
import { createCoop, createProduct } from "../db/seed/factories";
import { setupTestDb } from "../db/test-db";
import { rowsOf } from "../db/types";
import {
  createCampaign,
  createTeamDeal,
  joinTeam,
  openTeam,
  orderFromCampaign,
} from "../../tests/support/forms/group-buys";
import { actOnCoopLines, cancelMyOrder, checkout, refundHandedOverLine } from "../../tests/support/forms/orders";
import { moneyWorld } from "../../tests/support/money-world";
import { createViewer, idemKey } from "../../tests/support/viewers";
import { readAdminReport } from "./admin-report";
import { reportChannels, type ReportRange } from "./contract";
import { readCoopReport } from "./coop-report";
import { resolveRange } from "./range";
import { pendingReportChanges, refreshReportRollups } from "./rollups";
import { readStationReport } from "./station-report";

const t = setupTestDb();
afterEach(() => setClockForTests(null));

// Shanghai is UTC+8: "2026-12-02T15:59:59Z" is 23:59:59 on 2 December there, one second before 3 December.
const SH = (local: string) => new Date(`${local}+08:00`);

/** A month of trade for two cooperatives over every channel, with what makes counting hard. */
async function history() {
  const w = await moneyWorld(t.db);
  // Its own name: the admin's table lists cooperatives by name, and this file's histories share one database.
  await t.db.execute(sql`update cooperatives set name_zh = ${`大柳村-${w.coop.id}`} where id = ${w.coop.id}`);
  const coopB = await createCoop(t.db);
  const peach = await createProduct(t.db, {
    coopId: coopB.id,
    nameZh: "黄桃",
    variants: [{ priceFen: 3000, stock: 500 }],
  });
  const memberB = await createViewer(t.db, { memberships: [{ kind: "coop", scopeId: coopB.id }] });
  const other = await createViewer(t.db, { name: "李四" });
  const at = (local: string) => setClockForTests(SH(local));

  at("2026-12-01T09:00:00");
  const shop = await w.shopOrder([
    { variantId: w.riceVariant, quantity: 2 },
    { variantId: w.oilVariant, quantity: 1 },
  ]);
  // One order across both cooperatives; B cancels its part before dispatch.
  const mixed = await w.shopOrder([
    { variantId: w.riceVariant, quantity: 1 },
    { variantId: peach.variants[0]!.id, quantity: 3 },
  ]);
  await actOnCoopLines(memberB, { number: mixed, coopId: coopB.id, action: "cancel" });
  // Across midnight: the last second of 2 December and the first of 3 December.
  at("2026-12-02T23:59:59");
  const late = await w.shopOrder([{ variantId: w.oilVariant, quantity: 1 }], { who: other });
  at("2026-12-03T00:00:01");
  const early = await w.deliveryOrder([{ variantId: w.riceVariant, quantity: 1 }]);
  // A live drop (10 % to the streamer), a 社区团购 order, a 拼团 team of two.
  at("2026-12-03T20:00:00");
  const session = await w.goLiveWithRice();
  const drop = await w.dropSale(session, "99.90", 2);
  at("2026-12-04T10:00:00");
  const { id: campaignId } = await createCampaign(w.member, {
    variantId: w.riceVariant,
    titleZh: "湖墩新米团购",
    titleEn: "Hudun group buy",
    price: "100",
    stockCap: "50",
    opensAt: "2026-12-04T08:00",
    closesAt: "2026-12-05T20:00",
    pickupDay: "2026-12-07",
    stations: [w.station.id],
  });
  const campaign = (
    await orderFromCampaign(other, { campaignId, stationId: w.station.id, quantity: "3", idempotencyKey: idemKey() })
  ).number;
  const { id: dealId } = await createTeamDeal(w.member, {
    variantId: w.oilVariant,
    teamPrice: "120",
    teamSize: "2",
    formingHours: "24",
    stockCap: "10",
    activeFrom: "2026-12-04T08:00",
    activeTo: "2026-12-10T20:00",
  });
  const opened = await openTeam(w.buyer, { dealId, stationId: w.station.id, idempotencyKey: idemKey() });
  await joinTeam(other, { teamId: opened.teamId, stationId: w.station.id, idempotencyKey: idemKey() });
  // A second team that never forms.
  await openTeam(memberB, { dealId, stationId: w.station.id, idempotencyKey: idemKey() });
  // Cancelled by the buyer: not a sale. Unpaid online: not a sale yet.
  at("2026-12-05T11:00:00");
  const cancelled = await w.shopOrder([{ variantId: w.riceVariant, quantity: 5 }]);
  await cancelMyOrder(w.buyer, { number: cancelled });
  await checkout(w.buyer, {
    idempotencyKey: idemKey(),
    lines: JSON.stringify([{ variantId: w.oilVariant, quantity: 4 }]),
    fulfillment: "pickup",
    stationId: w.station.id,
    paymentMethod: "online",
  }).catch(() => null); // without Stripe keys the checkout refuses online payment: either way no sale
  // Handed over on the 6th; part of the rice refunded on the 8th.
  await w.toStation([shop]);
  at("2026-12-06T10:00:00");
  await w.handOver(shop);
  at("2026-12-08T10:00:00");
  const riceLine = (await w.linesOf(shop)).find((l) => l.variantId === w.riceVariant)!;
  await refundHandedOverLine(w.member, {
    number: shop,
    coopId: w.coop.id,
    lineId: riceLine.id,
    amount: "50",
    reason: "破袋",
    idempotencyKey: idemKey(),
  });
  setClockForTests(SH("2026-12-10T12:00:00"));
  return { w, coopB, memberB, orders: { shop, mixed, late, early, drop, campaign, cancelled } };
}

/** The same figures added up straight from the order lines, with the reports' definitions. */
async function fromLines(coopId: string | null, from: string, to: string) {
  const coop = coopId ? sql`and l.coop_id = ${coopId}` : sql``;
  const rows = await rowsOf<{
    day: string;
    channel: string;
    fulfillment: string;
    revenue: string;
    orders: string;
    units: string;
  }>(
    t.db.execute(sql`
      select to_char((o.placed_at at time zone 'Asia/Shanghai')::date, 'YYYY-MM-DD') as day, o.channel, o.fulfillment,
        sum(l.line_total_fen) as revenue, count(distinct o.id) as orders, sum(l.quantity) as units
      from orders o join order_lines l on l.order_id = o.id
      where l.status <> 'cancelled' and o.status not in ('awaiting_payment', 'cancelled')
        and not (o.channel = 'team' and o.status = 'placed') ${coop}
        and (o.placed_at at time zone 'Asia/Shanghai')::date between ${from}::date and ${to}::date
      group by 1, 2, 3`),
  );
  const refunds = await rowsOf<{ fen: string }>(
    t.db.execute(sql`
      select coalesce(sum(r.amount_fen), 0) as fen from refunds r join order_lines l on l.id = r.order_line_id
      where (r.created_at at time zone 'Asia/Shanghai')::date between ${from}::date and ${to}::date ${coop}`),
  );
  return { rows, refundsFen: Number(refunds[0]!.fen) };
}

function expectCoopReportMatches(
  report: Awaited<ReturnType<typeof readCoopReport>>,
  raw: Awaited<ReturnType<typeof fromLines>>,
) {
  const sum = (f: "revenue" | "orders" | "units", pick = (_: (typeof raw.rows)[number]) => true) =>
    raw.rows.filter(pick).reduce((a, r) => a + Number(r[f]), 0);
  expect(report.totals).toEqual({
    revenueFen: sum("revenue"),
    orders: sum("orders"),
    units: sum("units"),
    refundsFen: raw.refundsFen,
    netFen: sum("revenue") - raw.refundsFen,
  });
  for (const [i, day] of report.revenueByChannel.categories.entries())
    for (const [c, channel] of reportChannels.entries()) {
      const match = (r: (typeof raw.rows)[number]) => r.day === day && r.channel === channel;
      expect([day, channel, report.revenueByChannel.series[c]!.values[i]]).toEqual([
        day,
        channel,
        sum("revenue", match),
      ]);
      expect([day, channel, report.ordersByChannel.series[c]!.values[i]]).toEqual([day, channel, sum("orders", match)]);
    }
  for (const row of report.tables.fulfillment.rows)
    expect(row.slice(1)).toEqual([
      sum("revenue", (r) => r.fulfillment === row[0]),
      sum("orders", (r) => r.fulfillment === row[0]),
      sum("units", (r) => r.fulfillment === row[0]),
    ]);
}

describe("reports equal what the order lines add up to", () => {
  it("a cooperative's report: every channel, across midnight, multi-cooperative, cancelled, refunded — before and after the rollups", async () => {
    const { w, coopB } = await history();
    const range: ReportRange = resolveRange({ range: "custom", from: "2026-12-01", to: "2026-12-10" }, "2026-12-10");
    const at = SH("2026-12-10T12:00:00");
    const raw = await fromLines(w.coop.id, range.from, range.to);
    // Everything is still noted as changed: the report adds up the lines itself.
    expect(await pendingReportChanges(t.db)).toBeGreaterThan(0);
    const live = await readCoopReport(t.db, w.coop.id, range, at);
    expectCoopReportMatches(live, raw);
    // The exact figures, for the record: rice ¥128 ×2 + oil ¥138 (shop, 1 Dec), rice ¥128 (the mixed order), oil ¥138
    // on 2 Dec 23:59:59, rice ¥128 + ¥8 delivery (3 Dec, delivery fee not revenue), the drop 2 × ¥99.90, campaign 3 ×
    // ¥100, the 拼团 team 2 × ¥120 (the team that never formed: nothing); the cancelled and the unpaid ones nothing;
    // ¥50 refunded on 8 Dec.
    expect(live.totals).toEqual({
      revenueFen: 25600 + 13800 + 12800 + 13800 + 12800 + 19980 + 30000 + 24000,
      orders: 8,
      units: 3 + 1 + 1 + 1 + 2 + 3 + 2,
      refundsFen: 5000,
      netFen: 25600 + 13800 + 12800 + 13800 + 12800 + 19980 + 30000 + 24000 - 5000,
    });
    const day2 = live.revenueByChannel.categories.indexOf("2026-12-02");
    const day3 = live.revenueByChannel.categories.indexOf("2026-12-03");
    const shopSeries = live.revenueByChannel.series.find((s) => s.key === "shop")!;
    expect([shopSeries.values[day2], shopSeries.values[day3]]).toEqual([13800, 12800]);
    expect(live.revenueByChannel.series.find((s) => s.key === "live")!.values[day3]).toBe(19980);
    expect(live.tables.teams.rows).toEqual([["菜籽油", "Test product", 2, 1, 0, 1, 1]]);
    // Folded into the rollups, the same report.
    await refreshReportRollups(t.db);
    expect(await pendingReportChanges(t.db)).toBe(0);
    const folded = await readCoopReport(t.db, w.coop.id, range, at);
    expect(folded.totals).toEqual(live.totals);
    expect(folded.tables).toEqual(live.tables);
    expectCoopReportMatches(folded, raw);
    // A change after the fold (B's own sale, a refund of A's): rollups for the untouched days, lines for the rest.
    setClockForTests(SH("2026-12-09T15:00:00"));
    const more = await w.shopOrder([{ variantId: w.oilVariant, quantity: 2 }]);
    expect(await pendingReportChanges(t.db)).toBeGreaterThan(0);
    const mixed = await readCoopReport(t.db, w.coop.id, range, at);
    expectCoopReportMatches(mixed, await fromLines(w.coop.id, range.from, range.to));
    expect(mixed.totals.revenueFen).toBe(live.totals.revenueFen + 27600);
    expect(more).toMatch(/^E/);
    // B: only what B sold and did not cancel.
    const b = await readCoopReport(t.db, coopB.id, range, at);
    expectCoopReportMatches(b, await fromLines(coopB.id, range.from, range.to));
    expect(b.totals.revenueFen).toBe(0);
  });

  it("the period before is compared: the same figures for the days just before", async () => {
    const { w } = await history();
    const range = resolveRange({ range: "custom", from: "2026-12-04", to: "2026-12-10" }, "2026-12-10");
    expect([range.previousFrom, range.previousTo]).toEqual(["2026-11-27", "2026-12-03"]);
    const report = await readCoopReport(t.db, w.coop.id, range, SH("2026-12-10T12:00:00"));
    const before = await fromLines(w.coop.id, "2026-11-27", "2026-12-03");
    expect(report.previous.revenueFen).toBe(before.rows.reduce((a, r) => a + Number(r.revenue), 0));
    expect(report.previous.orders).toBe(before.rows.reduce((a, r) => a + Number(r.orders), 0));
    // Weekly buckets start on Mondays; the week of 30 Nov holds the 4th–6th here.
    const weekly = await readCoopReport(t.db, w.coop.id, { ...range, grain: "week" }, SH("2026-12-10T12:00:00"));
    expect(weekly.revenueByChannel.categories).toEqual(["2026-11-30", "2026-12-07"]);
    expect(weekly.totals).toEqual(report.totals);
  });

  it("the admin's overview counts a two-cooperative order once, and active buyers once a week", async () => {
    const { w } = await history();
    const range = resolveRange({ range: "custom", from: "2026-12-01", to: "2026-12-10", grain: "week" }, "2026-12-10");
    const raw = await fromLines(null, range.from, range.to);
    const at = SH("2026-12-10T12:00:00");
    for (const pass of ["lines", "rollups"]) {
      if (pass === "rollups") await refreshReportRollups(t.db);
      const report = await readAdminReport(t.db, range, at);
      const [orders] = await rowsOf<{ n: string }>(
        t.db.execute(sql`select count(distinct o.id) as n from orders o
          join order_lines l on l.order_id = o.id
          where l.status <> 'cancelled' and o.status not in ('awaiting_payment', 'cancelled')
            and not (o.channel = 'team' and o.status = 'placed')
            and (o.placed_at at time zone 'Asia/Shanghai')::date between '2026-12-01' and '2026-12-10'`),
      );
      // Active buyers: who bought in each week the period touches (weeks of 30 Nov and 7 Dec), averaged.
      const weekly = await rowsOf<{ week: string; buyers: string }>(
        t.db.execute(sql`select date_trunc('week', (o.placed_at at time zone 'Asia/Shanghai'))::date as week,
            count(distinct o.buyer_id) as buyers from orders o
          join order_lines l on l.order_id = o.id
          where l.status <> 'cancelled' and o.status not in ('awaiting_payment', 'cancelled')
            and not (o.channel = 'team' and o.status = 'placed')
            and (o.placed_at at time zone 'Asia/Shanghai')::date between '2026-11-30' and '2026-12-13'
          group by 1 order by 1`),
      );
      expect(weekly.map((x) => String(x.week)).length).toBe(2);
      const average = weekly.reduce((a, x) => a + Number(x.buyers), 0) / weekly.length;
      expect([pass, report.totals.revenueFen]).toEqual([pass, raw.rows.reduce((a, r) => a + Number(r.revenue), 0)]);
      expect([pass, report.totals.orders]).toEqual([pass, Number(orders!.n)]);
      expect([pass, report.totals.activeBuyers]).toEqual([pass, Math.round(average * 10) / 10]);
      expect(report.tables.weeks.rows.map((r) => r[3])).toEqual(weekly.map((x) => Number(x.buyers)));
      const coopRow = report.tables.coops.rows.find((r) => r[0] === `大柳村-${w.coop.id}`)!;
      const mine = await fromLines(w.coop.id, range.from, range.to);
      expect(coopRow.slice(2, 4)).toEqual([
        mine.rows.reduce((a, r) => a + Number(r.revenue), 0),
        mine.rows.reduce((a, r) => a + Number(r.orders), 0),
      ]);
      // Every history of this file has its own streamer 小柳 with one drop sale of 2 × ¥99.90, to one buyer in the
      // week of 30 November and none in the week of 7 December: 0.5 active buyers a week.
      expect(new Set(report.tables.streamers.rows.map((r) => JSON.stringify(r)))).toEqual(
        new Set([JSON.stringify(["小柳", 19980, 1, 0.5])]),
      );
    }
  });

  it("a station's handovers, wait and cash", async () => {
    const { w, orders } = await history();
    const range = resolveRange({ range: "custom", from: "2026-12-01", to: "2026-12-10" }, "2026-12-10");
    const report = await readStationReport(t.db, w.station.id, range, SH("2026-12-10T12:00:00"));
    const [shop] = await rowsOf<{ wait: string }>(
      t.db.execute(
        sql`select extract(epoch from completed_at - ready_at) / 60 as wait from orders where number = ${orders.shop}`,
      ),
    );
    expect(report.totals).toEqual({
      handedOver: 1,
      uncollected: 0,
      uncollectedRate: 0,
      cashFen: 25600 + 13800,
      medianWaitMinutes: Math.round(Number(shop!.wait)),
    });
    expect(report.tables.days.rows.find((r) => r[0] === "2026-12-06")).toEqual([
      "2026-12-06",
      1,
      0,
      Math.round(Number(shop!.wait)),
      39400,
    ]);
  });
});
