import { and, eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { setClockForTests } from "../core/clock";
import * as s from "../db/schema";
import { setupTestDb } from "../db/test-db";
import { accounts, balanceOf, ledgerViolations, postJournal } from "../ledger";
import { refundHandedOverLine } from "../../tests/support/forms/orders";
import { moneyWorld, type MoneyWorld } from "../../tests/support/money-world";
import { idemKey } from "../../tests/support/viewers";
import * as c from "./contract";
import { runPayouts, settleManualPayout } from "./payouts";
import { setStationCommission } from "./rates";
import { partyFinance, statementForExport } from "./read-models";
import { recordRemittance } from "./remittances";
import { closeDueStatements, owedNow } from "./statements";

const t = setupTestDb();
afterEach(() => setClockForTests(null));

// Shanghai is UTC+8: Tuesday 2026-12-01 10:00 local is 02:00Z.
const at = (iso: string) => new Date(iso);
const TUE_W1 = at("2026-12-01T02:00:00Z"); // week of Mon 30 Nov
const TUE_W2 = at("2026-12-08T02:00:00Z"); // week of Mon 7 Dec
const MON_W3 = at("2026-12-14T02:00:00Z"); // Monday 10:00: weeks 1 and 2 have closed (plus the hour's grace)
const MON_W4 = at("2026-12-21T02:00:00Z");

/** One pay-at-pickup sale of `variant` handed over at `when` (placed a day before). */
async function saleAt(w: MoneyWorld, when: Date, variantId = w.riceVariant, quantity = 1) {
  setClockForTests(new Date(when.getTime() - 86_400_000));
  const number = await w.shopOrder([{ variantId, quantity }]);
  await w.toStation([number]);
  setClockForTests(when);
  await w.handOver(number);
  return number;
}

const coopParty = (w: MoneyWorld) => ({ kind: "coop" as const, id: w.coop.id });
const stationParty = (w: MoneyWorld) => ({ kind: "station" as const, id: w.station.id });
const payoutsOf = (partyId: string) =>
  t.db.select().from(s.payouts).where(eq(s.payouts.partyId, partyId)).orderBy(s.payouts.createdAt);

describe("weekly statements", () => {
  it("each week opens where the last one closed; a station's cash counts against its commission", async () => {
    const w = await moneyWorld(t.db);
    const first = await saleAt(w, TUE_W1); // ¥128 rice: coop 11776, station 640, platform 384
    await saleAt(w, TUE_W2, w.oilVariant); // ¥138 oil: coop 12696, station 690, platform 414
    setClockForTests(MON_W3);
    expect(await closeDueStatements(t.db, MON_W3)).toBeGreaterThanOrEqual(4);
    expect(await closeDueStatements(t.db, MON_W3)).toBe(0);
    const week1 = await partyFinance(w.member, coopParty(w), c.statementQuery.parse({ day: "2026-12-02" }));
    expect(week1.statement).toMatchObject({
      period: { kind: "week", firstDay: "2026-11-30", lastDay: "2026-12-06", nextDay: "2026-12-07" },
      openingFen: 0,
      closingFen: 11776,
      entryCount: 1,
      closed: true,
    });
    expect(week1.statement.entries).toMatchObject([
      { kind: "earned", orderNumber: first, amountFen: 11776, balanceFen: 11776, item: { zh: "湖墩大米 标准装" } },
    ]);
    const week2 = await partyFinance(w.member, coopParty(w), c.statementQuery.parse({ day: "2026-12-08" }));
    expect(week2.statement).toMatchObject({ openingFen: 11776, closingFen: 24472 });
    expect(week2.balanceFen).toBe(24472);
    expect(week2.closedStatements.map((st) => [st.firstDay, st.openingFen, st.closingFen])).toEqual([
      ["2026-12-07", 11776, 24472],
      ["2026-11-30", 0, 11776],
    ]);
    // The station: ¥266 in its till, ¥13.30 earned → it owes the platform ¥252.70.
    const station = await partyFinance(w.manager, stationParty(w), c.statementQuery.parse({ day: "2026-12-08" }));
    expect(station.station).toEqual({ cashHeldFen: 26600, commissionFen: 1330 });
    expect(station.balanceFen).toBe(-25270);
    expect(station.statement.entries.map((e) => [e.kind, e.cash, e.amountFen])).toEqual([
      ["cash", true, -13800],
      ["earned", false, 690],
    ]);
    // A month view takes both weeks.
    const month = await partyFinance(
      w.member,
      coopParty(w),
      c.statementQuery.parse({ period: "month", day: "2026-12-20" }),
    );
    expect(month.statement).toMatchObject({
      period: { firstDay: "2026-12-01", lastDay: "2026-12-31" },
      openingFen: 0,
      closingFen: 24472,
      entryCount: 2,
    });
    // Someone else's statement is not there.
    await expect(partyFinance(w.buyer, coopParty(w), c.statementQuery.parse({}))).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(partyFinance(w.member, stationParty(w), c.statementQuery.parse({}))).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("a long week pages by 100 entries, the running balance carried across pages, and exports whole", async () => {
    const w = await moneyWorld(t.db);
    // 105 postings in one week, a minute apart (as many handovers would make).
    for (let i = 0; i < 105; i++)
      await t.db.transaction((tx) =>
        postJournal(tx, {
          key: `test:${w.coop.id}:${i}`,
          kind: "earned",
          at: new Date(TUE_W1.getTime() + i * 60_000),
          entries: [
            { accountId: accounts.buyerFunds, amountFen: 12696 },
            { accountId: accounts.coop(w.coop.id), amountFen: -12696 },
          ],
        }),
      );
    const q = c.statementQuery.parse({ day: "2026-12-01" });
    const one = await partyFinance(w.member, coopParty(w), q);
    expect(one.statement.entries).toHaveLength(100);
    expect(one.statement.entryCount).toBe(105);
    const two = await partyFinance(w.member, coopParty(w), { ...q, after: one.statement.nextAfter! });
    expect(two.statement.entries).toHaveLength(5);
    expect(two.statement.entries.at(-1)!.balanceFen).toBe(105 * 12696);
    expect(two.statement.entries[0]!.balanceFen).toBe(101 * 12696);
    const all = await statementForExport(w.member, coopParty(w), q);
    expect(all.entries).toHaveLength(105);
    expect(all.closingFen).toBe(105 * 12696);
  });
});

describe("payouts", () => {
  it("a run pays each party its latest closed statement, once; a second run (even at once) pays nothing", async () => {
    const w = await moneyWorld(t.db);
    const sessionId = await (async () => {
      setClockForTests(TUE_W1);
      return w.goLiveWithRice();
    })();
    const drop = await w.dropSale(sessionId, "128", 1);
    await w.toStation([drop]);
    setClockForTests(TUE_W1);
    await w.handOver(drop); // coop 10496, streamer 1280, station 640 against ¥128 cash
    setClockForTests(MON_W3);
    await expect(runPayouts(w.member)).rejects.toMatchObject({ code: "NOT_FOUND" });
    const [a, b] = await Promise.all([runPayouts(w.admin), runPayouts(w.admin)]);
    expect(a.payouts + b.payouts).toBeGreaterThanOrEqual(2);
    expect(await payoutsOf(w.coop.id)).toMatchObject([{ amountFen: 10496, method: "manual", status: "pending" }]);
    expect(await payoutsOf(w.streamer.userId)).toMatchObject([{ amountFen: 1280 }]);
    // The station kept its ¥6.40 out of the till and owes the rest: nothing to pay it.
    expect(await payoutsOf(w.station.id)).toEqual([]);
    expect(await owedNow(t.db, stationParty(w))).toBe(-12160);
    expect(await balanceOf(t.db, [accounts.stationCash(w.station.id)])).toBe(12160);
    expect(await owedNow(t.db, coopParty(w))).toBe(0);
    const again = await runPayouts(w.admin);
    expect(await payoutsOf(w.coop.id)).toHaveLength(1);
    expect(again.payouts).toBe(0);
    const netted = await t.db
      .select({ kind: s.ledgerJournals.kind, fen: s.ledgerEntries.amountFen })
      .from(s.ledgerEntries)
      .innerJoin(s.ledgerJournals, eq(s.ledgerJournals.id, s.ledgerEntries.journalId))
      .where(eq(s.ledgerEntries.accountId, accounts.station(w.station.id)));
    expect(netted).toEqual([
      { kind: "earned", fen: -640 },
      { kind: "netting", fen: 640 },
    ]);
    expect(await ledgerViolations(t.db)).toEqual([]);

    // The bank transfer is recorded by hand, with its reference; only once, only by an admin.
    const [payout] = await payoutsOf(w.coop.id);
    const paid = c.settleManualPayoutInput.parse({
      payoutId: payout!.id,
      outcome: "paid",
      bankReference: "ICBC-20261214-001",
    });
    await expect(settleManualPayout(w.member, paid)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await settleManualPayout(w.admin, paid)).toEqual({ status: "paid" });
    await expect(settleManualPayout(w.admin, paid)).rejects.toMatchObject({ code: "INVALID_STATE" });
    expect(await payoutsOf(w.coop.id)).toMatchObject([{ status: "paid", bankReference: "ICBC-20261214-001" }]);
    const finance = await partyFinance(w.member, coopParty(w), c.statementQuery.parse({}));
    expect(finance.payouts).toMatchObject([{ amountFen: 10496, status: "paid", reference: "ICBC-20261214-001" }]);
    const notes = await t.db.select().from(s.notifications).where(eq(s.notifications.userId, w.member.userId));
    expect(notes.map((n) => [n.kind, n.params])).toEqual([["payout_sent", { amount: "¥104.96" }]]);
  });

  it("a refund after the payout leaves a negative balance that the next statement carries, and is netted", async () => {
    const w = await moneyWorld(t.db);
    const number = await saleAt(w, TUE_W1); // coop 11776
    setClockForTests(MON_W3);
    await runPayouts(w.admin);
    expect(await payoutsOf(w.coop.id)).toMatchObject([{ amountFen: 11776 }]);
    // Week 3: the whole line is refunded at the station after the cooperative was paid.
    const [line] = await w.linesOf(number);
    await refundHandedOverLine(w.member, {
      number,
      coopId: w.coop.id,
      lineId: line!.id,
      amount: "128",
      reason: "发霉",
      idempotencyKey: idemKey(),
    });
    expect(await owedNow(t.db, coopParty(w))).toBe(-11776);
    await saleAt(w, at("2026-12-16T02:00:00Z"), w.oilVariant); // +12696 in week 3
    setClockForTests(MON_W4);
    await closeDueStatements(t.db, MON_W4);
    const week3 = await partyFinance(w.member, coopParty(w), c.statementQuery.parse({ day: "2026-12-15" }));
    // Opened with ¥117.76 owed; paid out (−11776) and refunded (−11776) in the week, then ¥126.96 earned.
    expect(week3.statement).toMatchObject({ openingFen: 11776, closingFen: 920 });
    expect(week3.statement.entries.map((e) => [e.kind, e.amountFen])).toEqual([
      ["payout", -11776],
      ["refund", -11776],
      ["earned", 12696],
    ]);
    await runPayouts(w.admin);
    expect((await payoutsOf(w.coop.id)).map((p) => p.amountFen)).toEqual([11776, 920]);
    expect(await owedNow(t.db, coopParty(w))).toBe(0);
    expect(await ledgerViolations(t.db)).toEqual([]);
  });

  it("nothing is paid from a statement that closed negative; the debt carries until earnings cover it", async () => {
    const w = await moneyWorld(t.db);
    const number = await saleAt(w, TUE_W1);
    setClockForTests(MON_W3);
    await runPayouts(w.admin); // 11776 paid
    const [line] = await w.linesOf(number);
    setClockForTests(at("2026-12-15T02:00:00Z"));
    await refundHandedOverLine(w.member, {
      number,
      coopId: w.coop.id,
      lineId: line!.id,
      amount: "128",
      reason: "退货",
      idempotencyKey: idemKey(),
    });
    setClockForTests(MON_W4);
    await runPayouts(w.admin);
    expect((await payoutsOf(w.coop.id)).map((p) => p.amountFen)).toEqual([11776]);
    const [latest] = await t.db
      .select()
      .from(s.ledgerStatements)
      .where(and(eq(s.ledgerStatements.partyId, w.coop.id), eq(s.ledgerStatements.closingFen, -11776)));
    expect(latest?.settledAt).not.toBeNull();
    expect(await ledgerViolations(t.db)).toEqual([]);
  });

  it("a station hands in its takings less its commission: netted, then received into the bank", async () => {
    const w = await moneyWorld(t.db);
    await saleAt(w, TUE_W1); // ¥128 cash, ¥6.40 commission
    await saleAt(w, TUE_W1, w.oilVariant); // ¥138 cash, ¥6.90 commission
    const input = (amount: string) =>
      c.recordRemittanceInput.parse({ stationId: w.station.id, amount, reference: "现金缴款 12-02" });
    await expect(recordRemittance(w.manager, input("252.70"))).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(recordRemittance(w.admin, input("252.71"))).rejects.toMatchObject({
      code: "VALIDATION",
      fields: { amount: ["above_cash_held"] },
    });
    expect(await recordRemittance(w.admin, input("252.70"))).toMatchObject({ cashHeldFen: 0 });
    expect(await owedNow(t.db, stationParty(w))).toBe(0);
    expect(c.recordRemittanceInput.safeParse({ stationId: w.station.id, amount: "-1", reference: "x" }).success).toBe(
      false,
    );
    expect(await ledgerViolations(t.db)).toEqual([]);
  });

  it("a new station rate applies to lines sold from then on; lines already sold keep theirs", async () => {
    const w = await moneyWorld(t.db);
    setClockForTests(new Date(TUE_W1.getTime() - 86_400_000));
    const before = await w.shopOrder([{ variantId: w.riceVariant, quantity: 1 }]);
    await expect(
      setStationCommission(w.member, c.setStationCommissionInput.parse({ stationId: w.station.id, rate: "8" })),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await setStationCommission(w.admin, c.setStationCommissionInput.parse({ stationId: w.station.id, rate: "8" }));
    const after = await w.shopOrder([{ variantId: w.riceVariant, quantity: 1 }]);
    await w.toStation([before, after]);
    setClockForTests(TUE_W1);
    await w.handOver(before);
    await w.handOver(after);
    expect((await w.linesOf(before))[0]!.stationCommissionBps).toBe(500);
    expect((await w.linesOf(after))[0]!.stationCommissionBps).toBe(800);
    expect(0 - (await balanceOf(t.db, [accounts.station(w.station.id)]))).toBe(640 + 1024);
    expect(c.setStationCommissionInput.safeParse({ stationId: "x", rate: "20.01" }).success).toBe(false);
    expect(c.setPlatformFeeInput.safeParse({ coopId: "x", rate: "31" }).success).toBe(false);
    const audit = await t.db.select().from(s.auditLog).where(eq(s.auditLog.action, "finance.station_commission"));
    expect(audit.map((a) => [a.before, a.after])).toEqual([[{ commissionBps: 500 }, { commissionBps: 800 }]]);
  });
});
