import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { setClockForTests } from "../core/clock";
import * as s from "../db/schema";
import { setupTestDb } from "../db/test-db";
import { accounts, balanceOf, ledgerViolations } from "../ledger";
import { moneyWorld, type MoneyWorld } from "../../tests/support/money-world";
import { setupFakeStripe } from "../../tests/support/stripe";
import { createViewer } from "../../tests/support/viewers";
import { refreshPayoutAccount, startPayoutOnboarding } from "./payout-account";
import { PAYOUT_LEASE_MS, runPayouts, sendStripePayouts } from "./payouts";
import { owedNow } from "./statements";

const t = setupTestDb();
const stripe = setupFakeStripe();
afterEach(() => setClockForTests(null));

const ORIGIN = "http://shop.test";
const TUE_W1 = new Date("2026-12-01T02:00:00Z");
const MON_W3 = new Date("2026-12-14T02:00:00Z");

async function earn(w: MoneyWorld, when = TUE_W1) {
  setClockForTests(new Date(when.getTime() - 86_400_000));
  const number = await w.shopOrder([{ variantId: w.riceVariant, quantity: 1 }]);
  await w.toStation([number]);
  setClockForTests(when);
  await w.handOver(number); // the cooperative: 11776
}

/** The cooperative goes through Stripe's hosted onboarding and comes back. */
async function onboard(w: MoneyWorld) {
  const party = { kind: "coop" as const, id: w.coop.id };
  const { url } = await startPayoutOnboarding(w.member, party, ORIGIN);
  const page = new URL(url);
  expect(page.origin).toBe(stripe.fake.base);
  expect(page.searchParams.get("return_url")).toBe(`${ORIGIN}/api/finance/payout-account?kind=coop&id=${w.coop.id}`);
  const submitted = await fetch(url, { method: "POST", redirect: "manual" });
  expect(submitted.status).toBe(303);
  expect(await refreshPayoutAccount(w.member, party)).toBe("enabled");
}

const transfers = () => stripe.fake.requests.filter((r) => r.method === "POST" && r.path === "/v1/transfers");
const payoutOf = async (w: MoneyWorld) =>
  (await t.db.select().from(s.payouts).where(eq(s.payouts.partyId, w.coop.id)))[0];

describe("payouts through Stripe Connect", () => {
  it("a party onboards once; its payout is a transfer keyed by its statement, sent once however often it runs", async () => {
    const w = await moneyWorld(t.db);
    await earn(w);
    // Starting twice makes one account: the second start finds it; and if the app lost Stripe's answer (a crash
    // before it was stored), the party's own idempotency key gets the same account back.
    setClockForTests(null);
    const party = { kind: "coop" as const, id: w.coop.id };
    await startPayoutOnboarding(w.member, party, ORIGIN);
    const [first] = await t.db.select().from(s.payoutAccounts).where(eq(s.payoutAccounts.partyId, w.coop.id));
    await t.db
      .update(s.payoutAccounts)
      .set({ stripeAccountId: null, status: "creating" })
      .where(eq(s.payoutAccounts.partyId, w.coop.id));
    await onboard(w);
    const created = stripe.fake.requests.filter((r) => r.path === "/v1/accounts" && r.method === "POST");
    expect(created.map((r) => [r.idempotencyKey, Boolean(r.replayed)])).toEqual([
      [`connect:coop:${w.coop.id}`, false],
      [`connect:coop:${w.coop.id}`, true],
    ]);
    const [row] = await t.db.select().from(s.payoutAccounts).where(eq(s.payoutAccounts.partyId, w.coop.id));
    expect(row).toMatchObject({ status: "enabled", stripeAccountId: first!.stripeAccountId });
    // Someone else cannot start or refresh the cooperative's account.
    const stranger = await createViewer(t.db);
    await expect(startPayoutOnboarding(stranger, { kind: "coop", id: w.coop.id }, ORIGIN)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(
      startPayoutOnboarding(w.member, { kind: "streamer", id: w.streamer.userId }, ORIGIN),
    ).rejects.toMatchObject({
      code: "NOT_FOUND",
    });

    setClockForTests(MON_W3);
    const before = transfers().length;
    await runPayouts(w.admin);
    const payout = await payoutOf(w);
    expect(payout).toMatchObject({
      amountFen: 11776,
      method: "stripe",
      status: "paid",
      stripeAccountId: row!.stripeAccountId,
    });
    const sent = transfers().slice(before);
    expect(sent.map((r) => [r.body.amount, r.body.destination, r.idempotencyKey])).toEqual([
      ["11776", row!.stripeAccountId, `payout:${payout!.statementId}`],
    ]);
    expect(payout!.transferId).toBe([...stripe.fake.connect.transfers.values()].at(-1)!.id);
    // Again, and the sweep's sender too: no second transfer.
    await runPayouts(w.admin);
    await sendStripePayouts();
    expect(transfers().length).toBe(before + 1);
    expect(await owedNow(t.db, { kind: "coop", id: w.coop.id })).toBe(0);
    const notes = await t.db.select().from(s.notifications).where(eq(s.notifications.userId, w.member.userId));
    expect(notes.map((n) => n.kind)).toEqual(["payout_sent"]);
    expect(await ledgerViolations(t.db)).toEqual([]);
  });

  it("a transfer Stripe refuses fails the payout and gives the amount back to the party's balance", async () => {
    const w = await moneyWorld(t.db);
    await earn(w);
    setClockForTests(null);
    await onboard(w);
    stripe.fake.connect.availableFen = 100; // the platform's Stripe balance cannot cover it
    setClockForTests(MON_W3);
    await runPayouts(w.admin);
    stripe.fake.connect.availableFen = 100_000_000;
    expect(await payoutOf(w)).toMatchObject({ status: "failed", amountFen: 11776 });
    expect((await payoutOf(w))!.lastError).toMatch(/insufficient available funds/);
    expect(await owedNow(t.db, { kind: "coop", id: w.coop.id })).toBe(11776);
    expect(0 - (await balanceOf(t.db, [accounts.payoutsInTransit]))).toBe(0);
    expect(await ledgerViolations(t.db)).toEqual([]);
  });

  it("Stripe down: the payout stays claimed and is sent again after its lease under the same key — one transfer", async () => {
    const w = await moneyWorld(t.db);
    await earn(w);
    setClockForTests(null);
    await onboard(w);
    // The transfer is made at Stripe but its answer is lost; the caller hears a failure.
    stripe.fake.failures.push({ path: /^\/v1\/transfers$/, mode: "500", count: 2, applied: false });
    setClockForTests(MON_W3);
    const before = stripe.fake.connect.transfers.size;
    await runPayouts(w.admin);
    expect(await payoutOf(w)).toMatchObject({ status: "pending", method: "stripe", attempts: 1 });
    // Within the lease nobody sends it; after it, the sweep does.
    expect(await sendStripePayouts()).toBe(0);
    setClockForTests(new Date(MON_W3.getTime() + PAYOUT_LEASE_MS + 1000));
    await sendStripePayouts();
    expect(await payoutOf(w)).toMatchObject({ status: "paid", attempts: 2 });
    expect(stripe.fake.connect.transfers.size).toBe(before + 1);
    expect(await ledgerViolations(t.db)).toEqual([]);
  });

  it("a party that has not finished onboarding is paid by hand (manual payout)", async () => {
    const w = await moneyWorld(t.db);
    await earn(w);
    setClockForTests(null);
    await startPayoutOnboarding(w.member, { kind: "coop", id: w.coop.id }, ORIGIN);
    expect(await refreshPayoutAccount(w.member, { kind: "coop", id: w.coop.id })).toBe("onboarding");
    setClockForTests(MON_W3);
    await runPayouts(w.admin);
    expect(await payoutOf(w)).toMatchObject({ method: "manual", status: "pending", amountFen: 11776 });
  });
});
