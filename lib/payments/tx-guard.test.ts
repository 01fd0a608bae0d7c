import { afterEach, describe, expect, it, vi } from "vitest";
import { eq, sql } from "drizzle-orm";
import * as s from "../db/schema";
import { createUser } from "../db/seed/factories";
import { setupTestDb } from "../db/test-db";
import { OpenTransactionError, assertNoOpenTransaction, inTransaction } from "../db/tx-guard";
import { resetEnvForTests } from "../env";
import { notify, sendPendingEmails } from "../events";
import { setupFakeStripe } from "../../tests/support/stripe";
import { createRefund, retrieveCheckoutSession } from "./stripe";

const t = setupTestDb();
const stripe = setupFakeStripe();

afterEach(() => {
  vi.unstubAllEnvs();
  resetEnvForTests();
});

describe("no external call with a database transaction open", () => {
  it("Stripe called inside db.transaction throws, rolls the transaction back, and nothing reaches Stripe", async () => {
    const before = stripe.fake.requests.length;
    const user = await createUser(t.db);
    const err = await t.db
      .transaction(async (tx) => {
        await notify(tx, {
          userId: user.id,
          kind: "order_ready",
          params: { number: "E261201AAAAAA" },
          dedupeKey: `guard:${user.id}`,
        });
        await createRefund("pi_test_x", 100, "refund:guard");
      })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenTransactionError);
    expect((err as Error).message).toContain("stripe: create refund");
    expect(stripe.fake.requests.length).toBe(before);
    const rows = await t.db.execute(
      sql`select count(*)::int as n from notifications where dedupe_key = ${`guard:${user.id}`}`,
    );
    expect((rows as unknown as { rows: { n: number }[] }).rows[0]!.n).toBe(0);
  });

  it("the same call outside a transaction, and after one committed, goes to Stripe", async () => {
    await t.db.transaction(async () => expect(inTransaction()).toBe(true));
    expect(inTransaction()).toBe(false);
    await expect(retrieveCheckoutSession("cs_test_missing")).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(stripe.fake.requests.at(-1)).toMatchObject({ method: "GET", path: "/v1/checkout/sessions/cs_test_missing" });
  });

  it("a promise started inside a transaction and still running after its commit is not blamed", async () => {
    let later: Promise<boolean> | null = null;
    await t.db.transaction(async () => {
      later = new Promise((r) => setTimeout(() => r(inTransaction()), 50));
    });
    expect(await later!).toBe(false);
  });

  it("the mailer called inside a transaction throws before sending anything", async () => {
    vi.stubEnv("SMTP_URL", "smtp://127.0.0.1:9");
    resetEnvForTests();
    const user = await createUser(t.db, { email: "guard@example.com" });
    await notify(t.db, {
      userId: user.id,
      kind: "order_ready",
      params: { number: "E261201BBBBBB" },
      dedupeKey: `guard-mail:${user.id}`,
    });
    const err = await t.db.transaction(async () => sendPendingEmails()).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenTransactionError);
    expect((err as Error).message).toContain("mailer");
    const [n] = await t.db
      .select()
      .from(s.notifications)
      .where(eq(s.notifications.dedupeKey, `guard-mail:${user.id}`));
    expect(n).toMatchObject({ emailStatus: "pending", emailAttempts: 0, emailClaimedUntil: null });
  });

  it("in production it logs an error instead of breaking the payment", async () => {
    vi.stubEnv("NODE_ENV", "production");
    resetEnvForTests();
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    await t.db.transaction(async () => assertNoOpenTransaction("stripe: capture payment"));
    expect(logged).toHaveBeenCalledTimes(1);
    expect(String(logged.mock.calls[0]![1])).toContain("stripe: capture payment");
    logged.mockRestore();
  });
});
