import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Viewer } from "../auth/contract";
import { useDbForTests } from "../db/client";
import * as s from "../db/schema";
import { seedDemoOnce } from "../db/seed/demo";
import { DEMO_REVIEW_ORDER } from "../db/seed/demo-attention";
import { createTestDb } from "../db/test-db";
import { acceptPaymentReview, listNeedsAttention } from "./attention";

const demoAdmin: Viewer = {
  userId: "usr_demo_admin",
  sessionId: "ses_test",
  name: "admin",
  email: "admin@example.com",
  phone: null,
  caps: { admin: true, streamer: false, coopIds: [], stationIds: [] },
};

describe("the demo's needs-attention case", () => {
  it("one payment under review (¥1.00 short), which the demo admin accepts without Stripe", async () => {
    const h = await createTestDb();
    useDbForTests(h);
    try {
      await seedDemoOnce(h.db);
      const list = await listNeedsAttention(demoAdmin);
      const [order] = await h.db.select().from(s.orders).where(eq(s.orders.id, DEMO_REVIEW_ORDER));
      expect(list.reviews).toEqual([
        expect.objectContaining({
          number: order!.number,
          totalFen: order!.totalFen,
          paidFen: order!.totalFen - 100,
          attemptStatus: "paid",
          buyerName: "张小禾",
        }),
      ]);
      expect(list.failedRefunds).toEqual([]);
      expect(await acceptPaymentReview(demoAdmin, { number: order!.number })).toEqual({
        status: "placed",
        paymentStatus: "paid",
      });
      const [after] = await h.db.select().from(s.orders).where(eq(s.orders.id, DEMO_REVIEW_ORDER));
      expect(after!.pickupCode).toMatch(/^\d{6}$/);
    } finally {
      useDbForTests(null);
      await h.close();
    }
  });
});
