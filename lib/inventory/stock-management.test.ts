import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Viewer } from "../auth/contract";
import { zodFields } from "../auth/error-shape";
import { newId } from "../core/ids";
import * as s from "../db/schema";
import { createCoop, createProduct, createStation, createUser } from "../db/seed/factories";
import { setupTestDb } from "../db/test-db";
import { createViewer } from "../../tests/support/viewers";
import { adjustStock } from "./adjust-stock";
import { adjustStockInput, receiveStockInput } from "./contract";
import { movementHistory } from "./movement-history";
import { receiveStock } from "./receive-stock";
import { writeMovement } from "./stock";

const t = setupTestDb();
let coopId: string;
let member: Viewer;

beforeAll(async () => {
  coopId = (await createCoop(t.db)).id;
  member = await createViewer(t.db, { name: "富志刚", memberships: [{ kind: "coop", scopeId: coopId }] });
});

const variant = async (stock = 0, status: "active" | "archived" = "active") => {
  const { variants } = await createProduct(t.db, { coopId, variants: [{ priceFen: 500, stock }] });
  if (status === "archived") await t.db.update(s.variants).set({ status }).where(eq(s.variants.id, variants[0]!.id));
  return variants[0]!.id;
};
const movements = async () => (await t.db.select({ n: count() }).from(s.inventoryMovements))[0]!.n;

describe("receiving stock", () => {
  it("adds the quantity and records who, why and the stock after", async () => {
    const variantId = await variant(0);
    await receiveStock(member, receiveStockInput.parse({ variantId, quantity: "40", note: "  10月28日新米  " }));
    const {
      movements: [m],
    } = await movementHistory(member, variantId);
    expect(m).toMatchObject({
      delta: 40,
      stockAfter: 40,
      reason: "receive",
      note: "10月28日新米",
      actorName: "富志刚",
      reference: null,
    });
  });

  it("refuses an archived variant and writes nothing", async () => {
    const variantId = await variant(3, "archived");
    const before = await movements();
    await expect(receiveStock(member, { variantId, quantity: 1, note: null })).rejects.toMatchObject({
      code: "INVALID_STATE",
    });
    expect(await movements()).toBe(before);
  });

  it.each([["0"], ["-1"], ["1.5"], ["1e3"], ["abc"], [""], ["1000000"]])("quantity %j is a field error", (quantity) => {
    const r = receiveStockInput.safeParse({ variantId: "var_x", quantity });
    expect(r.success ? null : Object.keys(zodFields(r.error))).toEqual(["quantity"]);
  });
});

describe("adjusting stock", () => {
  it("needs a reason and a non-zero whole change; full-width signs are understood", () => {
    expect(adjustStockInput.safeParse({ variantId: "var_x", delta: "-2" }).error?.issues[0]?.path).toEqual(["reason"]);
    expect(adjustStockInput.safeParse({ variantId: "var_x", delta: "0", reason: "零" }).success).toBe(false);
    expect(adjustStockInput.safeParse({ variantId: "var_x", delta: "1.5", reason: "x" }).success).toBe(false);
    expect(adjustStockInput.safeParse({ variantId: "var_x", delta: "-2", reason: "破损", stock: "99" }).success).toBe(
      false,
    );
    expect(adjustStockInput.parse({ variantId: "var_x", delta: "－2", reason: "破损" }).delta).toBe(-2);
    expect(adjustStockInput.parse({ variantId: "var_x", delta: "+7", reason: "多出" }).delta).toBe(7);
  });

  it("below zero is refused with a field error on the change, and nothing is written", async () => {
    const variantId = await variant(5);
    const before = await movements();
    await expect(adjustStock(member, { variantId, delta: -6, reason: "盘点" })).rejects.toMatchObject({
      code: "INVALID_STATE",
      fields: { delta: ["below_zero"] },
    });
    expect(await movements()).toBe(before);
    expect((await movementHistory(member, variantId)).variant.stock).toBe(5);
  });

  it("an archived variant may still be counted down (a write-off)", async () => {
    const variantId = await variant(4, "archived");
    expect(await adjustStock(member, { variantId, delta: -4, reason: "报损" })).toEqual({ stock: 0 });
  });
});

describe("movement history", () => {
  it("is newest first, names order references by their number, and pages", async () => {
    const variantId = await variant(0);
    await receiveStock(member, { variantId, quantity: 10, note: null });
    const buyer = await createUser(t.db, { name: "买家" });
    const station = await createStation(t.db);
    const orderId = newId("ord");
    await t.db.insert(s.orders).values({
      id: orderId,
      number: "E261128HIST01",
      buyerId: buyer.id,
      status: "placed",
      fulfillment: "pickup",
      stationId: station.id,
      paymentMethod: "pay_at_pickup",
      subtotalFen: 500,
      totalFen: 500,
      idempotencyKey: newId("idem"),
      placedAt: new Date(),
    });
    await t.db.transaction(async (tx) => {
      await tx.update(s.variants).set({ stock: 9 }).where(eq(s.variants.id, variantId));
      await writeMovement(tx, variantId, -1, 9, "order", { refType: "order", refId: orderId, actorId: buyer.id });
    });
    await adjustStock(member, { variantId, delta: -2, reason: "破损" });

    const page1 = await movementHistory(member, variantId, { limit: 2 });
    expect(page1.movements.map((m) => [m.reason, m.delta, m.stockAfter])).toEqual([
      ["adjust", -2, 7],
      ["order", -1, 9],
    ]);
    expect(page1.movements[1]).toMatchObject({
      reference: { type: "order", label: "E261128HIST01" },
      actorName: "买家",
    });
    expect(page1.olderThan).not.toBeNull();
    const page2 = await movementHistory(member, variantId, { limit: 2, before: page1.olderThan! });
    expect(page2.movements.map((m) => m.reason)).toEqual(["receive"]);
    expect(page2.olderThan).toBeNull();
  });

  it("of another cooperative's variant is NOT_FOUND; anonymous is UNAUTHENTICATED", async () => {
    const variantId = await variant(2);
    const other = await createViewer(t.db, { memberships: [{ kind: "coop", scopeId: (await createCoop(t.db)).id }] });
    const consumer = await createViewer(t.db);
    for (const who of [other, consumer]) {
      await expect(movementHistory(who, variantId)).rejects.toMatchObject({ code: "NOT_FOUND" });
      await expect(receiveStock(who, { variantId, quantity: 1, note: null })).rejects.toMatchObject({
        code: "NOT_FOUND",
      });
      await expect(adjustStock(who, { variantId, delta: -1, reason: "x" })).rejects.toMatchObject({
        code: "NOT_FOUND",
      });
    }
    await expect(adjustStock(null, { variantId, delta: -1, reason: "x" })).rejects.toMatchObject({
      code: "UNAUTHENTICATED",
    });
    expect((await movementHistory(member, variantId)).variant.stock).toBe(2);
  });
});
