import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import type { Viewer } from "../auth/contract";
import { setClockForTests } from "../core/clock";
import * as s from "../db/schema";
import { demoWeekMonday } from "../db/seed/demo-finance";
import { seedDemoOnce } from "../db/seed/demo";
import { setupTestDb } from "../db/test-db";
import { catchUpLedger, ledgerViolations } from "../ledger";
import { statementQuery } from "./contract";
import { runPayouts } from "./payouts";
import { partyFinance } from "./read-models";
import { closeDueStatements } from "./statements";

const t = setupTestDb();
afterEach(() => setClockForTests(null));

const as = (userId: string, caps: Partial<Viewer["caps"]>): Viewer => ({
  userId,
  sessionId: "ses",
  name: userId,
  email: null,
  phone: null,
  caps: { admin: false, streamer: false, coopIds: [], stationIds: [], ...caps },
});

describe("the demo's finances", () => {
  it("last week's two sales are posted at start, the week closes, and a payout run pays the cooperative and the streamer", async () => {
    await seedDemoOnce(t.db);
    const at = new Date();
    const monday = demoWeekMonday(at.getTime());
    // As the server does when it starts (lib/system/startup.ts).
    expect(await catchUpLedger(t.db, at)).toMatchObject({ orders: 2 });
    await closeDueStatements(t.db, at);
    expect(await ledgerViolations(t.db)).toEqual([]);

    const lastWeek = new Date(monday + 8 * 3_600_000).toISOString().slice(0, 10);
    const q = statementQuery.parse({ day: lastWeek });
    const coop = await partyFinance(
      as("usr_demo_coop", { coopIds: ["coop_daliu"] }),
      { kind: "coop", id: "coop_daliu" },
      q,
    );
    // ¥118 drop: 1180 streamer, 590 station, 354 platform, 9676 cooperative; ¥138 oil: 690, 414, 12696.
    expect(coop.statement).toMatchObject({ openingFen: 0, closingFen: 22372, entryCount: 2, closed: true });
    const streamer = await partyFinance(
      as("usr_demo_streamer", { streamer: true }),
      { kind: "streamer", id: "usr_demo_streamer" },
      q,
    );
    expect(streamer.statement).toMatchObject({ closingFen: 1180 });
    const station = await partyFinance(
      as("usr_demo_station", { stationIds: ["stn_huimin"] }),
      { kind: "station", id: "stn_huimin" },
      q,
    );
    expect(station.station).toEqual({ cashHeldFen: 25600, commissionFen: 1280 });
    expect(station.statement.closingFen).toBe(-24320);

    setClockForTests(at);
    const run = await runPayouts(as("usr_demo_admin", { admin: true }));
    expect(run).toMatchObject({ payouts: 2, totalFen: 22372 + 1180 });
    const payouts = await t.db.select().from(s.payouts).orderBy(s.payouts.amountFen);
    expect(payouts.map((p) => [p.partyId, p.amountFen, p.method, p.status])).toEqual([
      ["usr_demo_streamer", 1180, "manual", "pending"],
      ["coop_daliu", 22372, "manual", "pending"],
    ]);
    // The station kept its commission out of its till; it still holds ¥243.20 to hand in.
    const after = await partyFinance(
      as("usr_demo_station", { stationIds: ["stn_huimin"] }),
      { kind: "station", id: "stn_huimin" },
      statementQuery.parse({}),
    );
    expect(after.station).toEqual({ cashHeldFen: 24320, commissionFen: 0 });
    const [drop] = await t.db.select().from(s.orderLines).where(eq(s.orderLines.orderId, "ord_demo_past_drop"));
    expect(drop).toMatchObject({
      streamerId: "usr_demo_streamer",
      commissionBps: 1000,
      stationCommissionBps: 500,
      platformFeeBps: 300,
    });
    expect(await ledgerViolations(t.db)).toEqual([]);
  });
});
