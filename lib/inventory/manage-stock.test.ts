import { describe, expect, it } from "vitest";
import { createCoop, createProduct } from "../db/seed/factories";
import { setupTestDb } from "../db/test-db";
import { createViewer } from "../../tests/support/viewers";
import { stockInvariantViolations } from "./invariant";
import { adjustStock, movementHistory, receiveStock } from "./manage-stock";

const t = setupTestDb();

async function setup(stock = 10) {
  const coop = await createCoop(t.db);
  const member = await createViewer(t.db, { name: "富志刚", memberships: [{ kind: "coop", scopeId: coop.id }] });
  const { variants } = await createProduct(t.db, { coopId: coop.id, variants: [{ priceFen: 500, stock }] });
  return { member, variant: variants[0]! };
}

describe("stock: initial + Σ movements = stock", () => {
  it("holds through receipts, adjustments up and down, and a refused adjustment below zero", async () => {
    const { member, variant } = await setup(10);
    expect(await receiveStock(member, { variantId: variant.id, quantity: "25", note: "新米入库" })).toEqual({ stock: 35 });
    expect(await adjustStock(member, { variantId: variant.id, delta: "-5", reason: "盘点破损" })).toEqual({ stock: 30 });
    expect(await adjustStock(member, { variantId: variant.id, delta: 2, reason: "盘点多出" })).toEqual({ stock: 32 });
    await expect(adjustStock(member, { variantId: variant.id, delta: -33, reason: "错误" })).rejects.toMatchObject({ code: "INVALID_STATE", fields: { delta: ["below_zero"] } });
    const history = await movementHistory(member, variant.id);
    expect(history.map((m) => m.delta)).toEqual([2, -5, 25, 10]);
    expect(history[0]).toMatchObject({ stockAfter: 32, reason: "adjust", note: "盘点多出", actorName: "富志刚" });
    expect(await stockInvariantViolations(t.db)).toEqual([]);
  });

  it("holds under concurrent adjustments: never below zero, every applied change has its movement", async () => {
    const { member, variant } = await setup(10);
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => adjustStock(member, { variantId: variant.id, delta: -1, reason: "并发" })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(10);
    const history = await movementHistory(member, variant.id);
    expect(history[0]!.stockAfter).toBe(0);
    expect(await stockInvariantViolations(t.db)).toEqual([]);
  });

  it("refuses bad input and other cooperatives' variants", async () => {
    const { member, variant } = await setup(10);
    const stranger = await createViewer(t.db, { memberships: [{ kind: "coop", scopeId: "coop_other" }] });
    await expect(receiveStock(stranger, { variantId: variant.id, quantity: 1 })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(movementHistory(stranger, variant.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    for (const quantity of [0, -1, 1.5, "1e3", "abc"]) {
      await expect(receiveStock(member, { variantId: variant.id, quantity })).rejects.toMatchObject({ name: "ZodError" });
    }
    await expect(adjustStock(member, { variantId: variant.id, delta: 0, reason: "零" })).rejects.toMatchObject({ name: "ZodError" });
    await expect(adjustStock(member, { variantId: variant.id, delta: 1 })).rejects.toMatchObject({ name: "ZodError" });
  });
});
