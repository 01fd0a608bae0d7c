import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as s from "../db/schema";
import { seedDemoOnce } from "../db/seed/demo";
import { createTestDb } from "../db/test-db";
import { carryingTerms } from "./terms";

describe("the demo's carrying agreements", () => {
  it("streamer@example.com carries every product of every seeded bag and pin, 大柳村 all at 10 %", async () => {
    const h = await createTestDb();
    try {
      await seedDemoOnce(h.db);
      const [daliu] = await h.db
        .select()
        .from(s.carryingAgreements)
        .where(eq(s.carryingAgreements.coopId, "coop_daliu"));
      expect(daliu).toMatchObject({
        streamerId: "usr_demo_streamer",
        status: "active",
        allProducts: true,
        rateBps: 1000,
        awaiting: null,
      });
      const history = await h.db
        .select({ side: s.carryingAgreementEvents.side, action: s.carryingAgreementEvents.action })
        .from(s.carryingAgreementEvents)
        .where(eq(s.carryingAgreementEvents.agreementId, daliu!.id))
        .orderBy(s.carryingAgreementEvents.id);
      expect(history).toEqual([
        { side: "streamer", action: "propose" },
        { side: "coop", action: "accept" },
      ]);
      const sessions = await h.db.select().from(s.liveSessions);
      expect(sessions.length).toBeGreaterThan(0);
      for (const session of sessions) {
        const items = await h.db.select().from(s.liveBagItems).where(eq(s.liveBagItems.sessionId, session.id));
        const pins = await h.db.select().from(s.livePins).where(eq(s.livePins.sessionId, session.id));
        const drops = await h.db.select().from(s.liveDrops).where(eq(s.liveDrops.sessionId, session.id));
        // In force when the session sells: a scheduled one from its start, an ended one when it ran.
        const at = session.startedAt ?? session.scheduledAt;
        const products = [...items, ...pins, ...drops].map((x) => x.productId);
        const terms = await carryingTerms(h.db, session.streamerId, products, at);
        expect(
          products.filter((p) => !terms.has(p)),
          session.id,
        ).toEqual([]);
        // …and now, for the scheduled one (the bag can be saved again as it is).
        if (session.status === "scheduled") {
          const nowTerms = await carryingTerms(h.db, session.streamerId, products, new Date());
          expect(
            products.filter((p) => !nowTerms.has(p)),
            session.id,
          ).toEqual([]);
        }
      }
    } finally {
      await h.close();
    }
  });
});
