import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as s from "../db/schema";
import { createCoop, createProduct } from "../db/seed/factories";
import { setupTestDb } from "../db/test-db";
import { createViewer } from "../../tests/support/viewers";
import { adjustStock } from "./adjust-stock";
import { adjustStockInput, receiveStockInput } from "./contract";
import { stockInvariantViolations } from "./invariant";
import { receiveStock } from "./receive-stock";

const t = setupTestDb({ poolSize: 20 });

async function setup() {
  const coop = await createCoop(t.db);
  const member = await createViewer(t.db, { memberships: [{ kind: "coop", scopeId: coop.id }] });
  // Stock starts at 0, so "initial + Σ movements = stock" reads "Σ movements = stock".
  const { variants } = await createProduct(t.db, { coopId: coop.id, variants: [{ priceFen: 500, stock: 0 }] });
  return { member, variantId: variants[0]!.id };
}

async function stockAndSum(variantId: string) {
  const [v] = await t.db.select({ stock: s.variants.stock }).from(s.variants).where(eq(s.variants.id, variantId));
  const moves = await t.db
    .select({ delta: s.inventoryMovements.delta })
    .from(s.inventoryMovements)
    .where(eq(s.inventoryMovements.variantId, variantId));
  return { stock: v!.stock, sum: moves.reduce((a, m) => a + m.delta, 0), movements: moves.length };
}

describe("invariant: initial stock + Σ movements = stock (DESIGN invariant 2)", () => {
  it("holds through a receipt, adjustments up and down, and a refused adjustment below zero", async () => {
    const { member, variantId } = await setup();
    const receive = (quantity: string) =>
      receiveStock(member, receiveStockInput.parse({ variantId, quantity, note: "新米入库" }));
    const adjust = (delta: string) => adjustStock(member, adjustStockInput.parse({ variantId, delta, reason: "盘点" }));

    expect(await receive("25")).toEqual({ stock: 25 });
    expect(await adjust("-5")).toEqual({ stock: 20 });
    expect(await adjust("+3")).toEqual({ stock: 23 });
    await expect(adjust("-24")).rejects.toMatchObject({ code: "INVALID_STATE", fields: { delta: ["below_zero"] } });
    expect(await stockAndSum(variantId)).toEqual({ stock: 23, sum: 23, movements: 3 });
    expect(await adjust("-23")).toEqual({ stock: 0 });
    expect(await stockAndSum(variantId)).toEqual({ stock: 0, sum: 0, movements: 4 });
    expect(await stockInvariantViolations(t.db)).toEqual([]);
  });

  it("holds under concurrent adjustments (truly parallel on PostgreSQL): never below zero, one movement per applied change", async () => {
    const { member, variantId } = await setup();
    await receiveStock(member, { variantId, quantity: 10, note: null });
    const deltas = [...Array.from({ length: 12 }, () => -3), ...Array.from({ length: 6 }, () => 2)];
    const outcomes = await Promise.all(
      deltas.map((delta) =>
        adjustStock(member, { variantId, delta, reason: "并发盘点" }).then(
          () => ({ delta, applied: true }),
          (err: unknown) => {
            expect(err).toMatchObject({ code: "INVALID_STATE", fields: { delta: ["below_zero"] } });
            return { delta, applied: false };
          },
        ),
      ),
    );
    const applied = outcomes.filter((o) => o.applied);
    const after = await stockAndSum(variantId);
    expect(after.stock).toBe(10 + applied.reduce((a, o) => a + o.delta, 0));
    expect(after.stock).toBeGreaterThanOrEqual(0);
    expect(after).toEqual({ stock: after.stock, sum: after.stock, movements: 1 + applied.length });
    // Every +2 fits, and at least the first three -3 fit whatever the order.
    expect(applied.filter((o) => o.delta > 0)).toHaveLength(6);
    expect(applied.filter((o) => o.delta < 0).length).toBeGreaterThanOrEqual(3);
    const afters = await t.db
      .select({ stockAfter: s.inventoryMovements.stockAfter })
      .from(s.inventoryMovements)
      .where(eq(s.inventoryMovements.variantId, variantId));
    expect(afters.every((m) => m.stockAfter >= 0)).toBe(true);
    expect(await stockInvariantViolations(t.db)).toEqual([]);
  });

  it("holds under concurrent receipts and upward adjustments: they add up exactly", async () => {
    const { member, variantId } = await setup();
    await Promise.all([
      ...Array.from({ length: 10 }, () => receiveStock(member, { variantId, quantity: 5, note: null })),
      ...Array.from({ length: 10 }, () => adjustStock(member, { variantId, delta: 1, reason: "找到" })),
    ]);
    expect(await stockAndSum(variantId)).toEqual({ stock: 60, sum: 60, movements: 20 });
  });
});
