import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { isAppError } from "../core/errors";
import * as s from "../db/schema";
import { createCoop, createProduct, createStation, createUser } from "../db/seed/factories";
import { setupTestDb, testDriver } from "../db/test-db";
import { rowsOf } from "../db/types";
import { stockInvariantViolations } from "../inventory/invariant";
import type { Viewer } from "../auth/contract";
import { idemKey } from "../../tests/support/viewers";
import { checkout } from "../../tests/support/forms/orders";

// On PostgreSQL these really race (pool of 20); PGlite runs them one at a time through its single connection.
const t = setupTestDb({ poolSize: 20 });
const onPg = testDriver() === "postgres";

async function buyers(n: number): Promise<Viewer[]> {
  const rows = Array.from({ length: n }, (_, i) => ({ id: `usr_race_${Date.now().toString(36)}_${i}` }));
  const out: Viewer[] = [];
  for (const r of rows) {
    const u = await createUser(t.db, { id: r.id, email: `${r.id}@test.local` });
    out.push({
      userId: u.id,
      sessionId: "ses",
      name: u.name,
      email: u.email,
      phone: null,
      caps: { admin: false, streamer: false, coopIds: [], stationIds: [] },
    });
  }
  return out;
}

async function setup(stock: number, variantsCount = 1) {
  const coop = await createCoop(t.db);
  const station = await createStation(t.db);
  const { variants } = await createProduct(t.db, {
    coopId: coop.id,
    variants: Array.from({ length: variantsCount }, () => ({ priceFen: 990, stock })),
  });
  return { station, variants };
}

function order(viewer: Viewer, stationId: string, lines: { variantId: string; quantity: number }[]) {
  return checkout(viewer, {
    idempotencyKey: idemKey(),
    lines: JSON.stringify(lines),
    fulfillment: "pickup",
    stationId,
    paymentMethod: "pay_at_pickup",
  }).then(
    () => "ok" as const,
    (err: unknown) => (isAppError(err) ? err.code : `unexpected: ${String(err)}`),
  );
}

const stock = async (id: string) =>
  (await t.db.select({ stock: s.variants.stock }).from(s.variants).where(eq(s.variants.id, id)))[0]!.stock;

describe(`no oversell under concurrency (${testDriver()})`, () => {
  it("200 buyers for the last unit: exactly one order, 199 clear sold-out answers, stock 0", async () => {
    const { station, variants } = await setup(1);
    const people = await buyers(200);
    const results = await Promise.all(
      people.map((p) => order(p, station.id, [{ variantId: variants[0]!.id, quantity: 1 }])),
    );
    expect(results.filter((r) => r === "ok")).toHaveLength(1);
    expect(results.filter((r) => r === "SOLD_OUT")).toHaveLength(199);
    expect(await stock(variants[0]!.id)).toBe(0);
    const [orders] = await rowsOf<{ n: number }>(
      t.db.execute(sql`select count(*)::int as n from order_lines where variant_id = ${variants[0]!.id}`),
    );
    expect(orders!.n).toBe(1);
  });

  it(`${onPg ? 1000 : 300} orders of 1–3 units against 100 in stock: exactly 100 sold, never below zero`, async () => {
    const { station, variants } = await setup(100);
    const n = onPg ? 1000 : 300;
    const people = await buyers(n);
    const wants = people.map((_, i) => 1 + (i % 3));
    const results = await Promise.all(
      people.map((p, i) => order(p, station.id, [{ variantId: variants[0]!.id, quantity: wants[i]! }])),
    );
    expect(results.every((r) => r === "ok" || r === "SOLD_OUT")).toBe(true);
    const sold = results.reduce((a, r, i) => a + (r === "ok" ? wants[i]! : 0), 0);
    expect(sold).toBe(100);
    expect(await stock(variants[0]!.id)).toBe(0);
    expect(await stockInvariantViolations(t.db)).toEqual([]);
  });

  it("carts {A,B} and {B,A} ordered at once: no deadlock reaches a buyer", async () => {
    const { station, variants } = await setup(1000, 2);
    const [a, b] = variants.map((v) => v.id) as [string, string];
    const people = await buyers(100);
    const results = await Promise.all(
      people.map((p, i) =>
        order(
          p,
          station.id,
          i % 2
            ? [
                { variantId: a, quantity: 1 },
                { variantId: b, quantity: 1 },
              ]
            : [
                { variantId: b, quantity: 1 },
                { variantId: a, quantity: 1 },
              ],
        ),
      ),
    );
    expect(results.filter((r) => r !== "ok")).toEqual([]);
    expect(await stock(a)).toBe(900);
    expect(await stock(b)).toBe(900);
  });
});
