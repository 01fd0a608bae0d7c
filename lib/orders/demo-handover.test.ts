import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as s from "../db/schema";
import type { Viewer } from "../auth/contract";
import { redeemPickupCode } from "../../tests/support/forms/orders";
import { listStationOrders } from "./station-console";
import { setupTestDb } from "../db/test-db";
import { seedDemoOnce } from "../db/seed/demo";

const t = setupTestDb();
const manager: Viewer = {
  userId: "usr_demo_station",
  sessionId: "ses_test",
  name: "沈美华",
  email: "station@example.com",
  phone: null,
  caps: { admin: false, streamer: false, coopIds: [], stationIds: ["stn_huimin"] },
};

describe("demo seed: a handover to try", () => {
  it("station@example.com finds two orders ready and hands both over with the codes the README lists", async () => {
    await seedDemoOnce(t.db);
    const waiting = (await listStationOrders(manager, "stn_huimin")).filter((o) => o.status === "ready_for_pickup");
    expect(waiting.map((o) => [o.buyerName, o.items, o.totalFen])).toEqual(
      expect.arrayContaining([
        ["张小禾", "湖墩大米 10kg 装 ×1", 12800],
        ["张小禾", "大柳村菜籽油 5L ×1", 13800],
      ]),
    );
    // The demo's forming 拼团 team picks up here too, but its order is not coming (yet): it is not listed at all.
    const listed = (await listStationOrders(manager, "stn_huimin")).map((o) => o.number);
    const [teamOrder] = await t.db
      .select({ number: s.orders.number })
      .from(s.orders)
      .where(eq(s.orders.id, "ord_demo_team_hudun"));
    expect(listed).not.toContain(teamOrder!.number);
    expect(await redeemPickupCode(manager, { stationId: "stn_huimin", code: "246810" })).toMatchObject({
      buyerName: "张小禾",
      collectFen: 12800,
    });
    expect(await redeemPickupCode(manager, { stationId: "stn_huimin", code: "135790" })).toMatchObject({
      buyerName: "张小禾",
      collectFen: 13800,
    });
  });
});
