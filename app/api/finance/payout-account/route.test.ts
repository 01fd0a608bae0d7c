import { eq } from "drizzle-orm";
import { NextRequest } from "next/server";
import { describe, expect, it, vi } from "vitest";
import type { Viewer } from "@/lib/auth/contract";
import * as s from "@/lib/db/schema";
import { createCoop } from "@/lib/db/seed/factories";
import { setupTestDb } from "@/lib/db/test-db";
import { startPayoutOnboarding } from "@/lib/finance/payout-account";
import { setupFakeStripe } from "@/tests/support/stripe";
import { createViewer } from "@/tests/support/viewers";
import { GET } from "./route";

// The route asks lib/auth who is calling; outside a Next request there is no session cookie to read.
const session = vi.hoisted(() => ({ viewer: null as Viewer | null }));
vi.mock("@/lib/auth/viewer", () => ({ getViewer: async () => session.viewer }));

const t = setupTestDb();
const stripe = setupFakeStripe();

const back = async (as: Viewer | null, query: string) => {
  session.viewer = as;
  const res = await GET(new NextRequest(`http://shop.test/api/finance/payout-account?${query}`));
  return { status: res.status, location: res.headers.get("location") };
};
const statusOf = async (coopId: string) =>
  (await t.db.select().from(s.payoutAccounts).where(eq(s.payoutAccounts.partyId, coopId)))[0]?.status ?? "none";

describe("GET /api/finance/payout-account — back from Stripe's onboarding", () => {
  it("the party's own member: Stripe's account decides, then the finance page; anyone else changes nothing", async () => {
    const coop = await createCoop(t.db);
    const member = await createViewer(t.db, { memberships: [{ kind: "coop", scopeId: coop.id }] });
    const stranger = await createViewer(t.db);
    const { url } = await startPayoutOnboarding(member, { kind: "coop", id: coop.id }, "http://shop.test");
    // Back before finishing: still onboarding.
    expect(await back(member, `kind=coop&id=${coop.id}`)).toEqual({
      status: 303,
      location: `/coop/finance?coop=${coop.id}`,
    });
    expect(await statusOf(coop.id)).toBe("onboarding");
    const done = await fetch(url, { method: "POST", redirect: "manual" });
    expect(done.headers.get("location")).toBe(`http://shop.test/api/finance/payout-account?kind=coop&id=${coop.id}`);
    // A stranger (or nobody) coming back first refreshes nothing.
    expect(await back(stranger, `kind=coop&id=${coop.id}`)).toEqual({ status: 303, location: "/" });
    expect((await back(null, `kind=coop&id=${coop.id}`)).location).toMatch(/^\/login\?callbackUrl=/);
    expect(await statusOf(coop.id)).toBe("onboarding");
    expect(await back(member, `kind=coop&id=${coop.id}`)).toEqual({
      status: 303,
      location: `/coop/finance?coop=${coop.id}`,
    });
    expect(await statusOf(coop.id)).toBe("enabled");
    expect(stripe.fake.connect.accounts.size).toBeGreaterThanOrEqual(1);
    // Bad input goes home.
    expect(await back(member, "kind=bank&id=x")).toEqual({ status: 303, location: "/" });
    expect(await back(member, `kind=coop&id=${"x".repeat(65)}`)).toEqual({ status: 303, location: "/" });
  });
});
