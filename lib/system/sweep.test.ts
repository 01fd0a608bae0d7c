import { spawn } from "node:child_process";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { newId } from "../core/ids";
import * as s from "../db/schema";
import { createCoop, createProduct, createStation, createUser } from "../db/seed/factories";
import { setupTestDb, testDriver } from "../db/test-db";
import { stockInvariantViolations } from "../inventory/invariant";
import { runSweep } from "./sweep";

const t = setupTestDb();

/** Things due in the past: an open batch past its lock time, and an uncollected order past its expiry. */
async function dueWork() {
  const coop = await createCoop(t.db);
  const station = await createStation(t.db, { pickupExpiryDays: 1 });
  const { variants } = await createProduct(t.db, { coopId: coop.id, variants: [{ priceFen: 1000, stock: 9 }] });
  const buyer = await createUser(t.db);
  const batchId = newId("bat");
  await t.db.insert(s.batches).values({
    id: batchId,
    coopId: coop.id,
    stationId: station.id,
    deliveryDay: "2026-01-02",
    locksAt: new Date("2026-01-01T14:00:00Z"),
  });
  const orderId = newId("ord");
  const old = new Date(Date.now() - 5 * 86_400_000);
  await t.db.insert(s.orders).values({
    id: orderId,
    number: `E260101${newId("x").slice(2, 8).toUpperCase()}`,
    buyerId: buyer.id,
    status: "ready_for_pickup",
    fulfillment: "pickup",
    stationId: station.id,
    paymentMethod: "pay_at_pickup",
    subtotalFen: 1000,
    totalFen: 1000,
    idempotencyKey: newId("k"),
    placedAt: old,
    readyAt: old,
    pickupCode: "123456",
  });
  await t.db.insert(s.orderLines).values({
    id: newId("oln"),
    orderId,
    coopId: coop.id,
    productId: variants[0]!.productId,
    variantId: variants[0]!.id,
    productNameZh: "米",
    productNameEn: "rice",
    variantLabelZh: "5kg",
    variantLabelEn: "5 kg",
    coopNameZh: "社",
    coopNameEn: "coop",
    unitPriceFen: 1000,
    quantity: 1,
    lineTotalFen: 1000,
    status: "dispatched",
    batchId,
  });
  return { batchId, orderId, variantId: variants[0]!.id };
}

function sweepProcess(url: string): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ["--import", "tsx", "--import", "./scripts/resolve-next.mjs", "scripts/sweep.ts"],
      {
        env: { ...process.env, DATABASE_URL: url, SEED_DEMO: "0", SMTP_URL: "" },
      },
    );
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("exit", (code) =>
      code === 0
        ? resolve(JSON.parse(out.trim().split("\n").pop()!))
        : reject(new Error(`sweep exited ${code}: ${err}`)),
    );
  });
}

describe("the sweep", () => {
  it("run twice changes each thing once", async () => {
    const w = await dueWork();
    const first = await runSweep();
    const second = await runSweep();
    expect(first.batchesLocked).toBeGreaterThanOrEqual(1);
    expect(first.ordersExpired).toBeGreaterThanOrEqual(1);
    expect(second).toMatchObject({ batchesLocked: 0, ordersExpired: 0 });
    const [batch] = await t.db.select().from(s.batches).where(eq(s.batches.id, w.batchId));
    expect(batch?.status).toBe("locked");
    const [order] = await t.db.select().from(s.orders).where(eq(s.orders.id, w.orderId));
    expect(order?.status).toBe("cancelled");
    expect(await stockInvariantViolations(t.db)).toEqual([]);
  });

  it.runIf(testDriver() === "postgres")(
    "two processes sweeping one PostgreSQL at once change each thing once",
    async () => {
      const w = await dueWork();
      const [a, b] = await Promise.all([sweepProcess(t.handle.url!), sweepProcess(t.handle.url!)]);
      expect(Number(a.ordersExpired) + Number(b.ordersExpired)).toBe(1);
      expect(Number(a.batchesLocked) + Number(b.batchesLocked)).toBe(1);
      const [v] = await t.db.select().from(s.variants).where(eq(s.variants.id, w.variantId));
      expect(v?.stock).toBe(10);
      const moves = await t.db.execute(
        sql`select count(*)::int as n from inventory_movements where variant_id = ${w.variantId} and reason = 'expire'`,
      );
      expect((moves as unknown as { rows: { n: number }[] }).rows[0]!.n).toBe(1);
    },
  );
});
