import { count } from "drizzle-orm";
import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import * as s from "../../../../lib/db/schema";
import { setupTestDb } from "../../../../lib/db/test-db";
import { deliver, setupFakeStripe } from "../../../../tests/support/stripe";

const t = setupTestDb();
setupFakeStripe();
const signer = new Stripe("sk_test_signer");

describe("POST /api/stripe/webhook", () => {
  it("a body over 1 MB is refused with 413 before its signature is even checked, and nothing is written", async () => {
    const payload = JSON.stringify({
      id: "evt_big",
      type: "checkout.session.completed",
      data: { object: { object: "checkout.session", id: "cs_x", pad: "x".repeat(2 * 1024 * 1024) } },
    });
    const signature = signer.webhooks.generateTestHeaderString({ payload, secret: "whsec_test" });
    const before = (await t.db.select({ n: count() }).from(s.processedEvents))[0]!.n;
    const res = await deliver(payload, signature);
    expect(res.status).toBe(413);
    expect(res.body).toEqual({ error: { code: "PAYLOAD_TOO_LARGE" } });
    expect((await t.db.select({ n: count() }).from(s.processedEvents))[0]!.n).toBe(before);
  });

  it("a missing, wrong or stale signature answers 400 {error:{code:BAD_SIGNATURE}}, no form text, nothing written", async () => {
    const payload = JSON.stringify({
      id: "evt_forged",
      type: "checkout.session.completed",
      data: { object: { object: "checkout.session", id: "cs_forged" } },
    });
    const before = (await t.db.select({ n: count() }).from(s.processedEvents))[0]!.n;
    const stale = Math.floor(Date.now() / 1000) - 3600;
    for (const signature of [
      null,
      "t=1,v1=deadbeef",
      signer.webhooks.generateTestHeaderString({ payload, secret: "whsec_wrong" }),
      signer.webhooks.generateTestHeaderString({ payload, secret: "whsec_test", timestamp: stale }),
    ]) {
      const res = await deliver(payload, signature);
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ error: { code: "BAD_SIGNATURE" } });
    }
    expect((await t.db.select({ n: count() }).from(s.processedEvents))[0]!.n).toBe(before);
  });
});
