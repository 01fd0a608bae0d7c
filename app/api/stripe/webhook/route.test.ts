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
    expect((res.body.error as { code: string }).code).toBe("PAYLOAD_TOO_LARGE");
    expect((await t.db.select({ n: count() }).from(s.processedEvents))[0]!.n).toBe(before);
  });
});
