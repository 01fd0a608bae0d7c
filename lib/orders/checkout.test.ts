import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as s from "../db/schema";
import { createCoop, createProduct, createStation } from "../db/seed/factories";
import { setupTestDb } from "../db/test-db";
import { stockInvariantViolations } from "../inventory/invariant";
import { createViewer, idemKey } from "../../tests/support/viewers";
import { addToCart, checkout } from "../../tests/support/forms/orders";
import { loadCart } from "./cart";
import { getMyOrder } from "./buyer-queries";

const t = setupTestDb();

async function shop(stock = 10, priceFen = 6980) {
  const coop = await createCoop(t.db);
  const station = await createStation(t.db);
  const { product, variants } = await createProduct(t.db, {
    coopId: coop.id,
    nameZh: "湖墩大米",
    variants: [{ priceFen, stock, labelZh: "5kg" }],
  });
  return { coop, station, product, variant: variants[0]! };
}

const pickup = (stationId: string, lines: unknown[], key = idemKey()) => ({
  idempotencyKey: key,
  lines: JSON.stringify(lines),
  fulfillment: "pickup",
  stationId,
  paymentMethod: "pay_at_pickup",
});

async function counts() {
  const n = async (table: typeof s.orders | typeof s.orderLines | typeof s.inventoryMovements) =>
    (await t.db.select({ n: count() }).from(table))[0]!.n;
  return { orders: await n(s.orders), lines: await n(s.orderLines), movements: await n(s.inventoryMovements) };
}

describe("checkout", () => {
  it("writes the order, its lines, a movement per variant and a pickup code, priced from the database", async () => {
    const { station, variant } = await shop(10, 6980);
    const buyer = await createViewer(t.db);
    await addToCart({ viewer: buyer, guestCartId: null }, { variantId: variant.id, quantity: 2 });
    const placed = await checkout(buyer, pickup(station.id, [{ variantId: variant.id, quantity: 2, unitPriceFen: 1 }]));
    const order = await getMyOrder(buyer, placed.number);
    expect(order).toMatchObject({ status: "placed", subtotalFen: 13960, totalFen: 13960, fulfillment: "pickup" });
    expect(order.pickupCode).toMatch(/^\d{6}$/);
    expect(order.lines[0]).toMatchObject({
      productNameZh: "湖墩大米",
      variantLabelZh: "5kg",
      unitPriceFen: 6980,
      quantity: 2,
    });
    const [v] = await t.db.select().from(s.variants).where(eq(s.variants.id, variant.id));
    expect(v!.stock).toBe(8);
    expect((await loadCart({ viewer: buyer, guestCartId: null })).lines).toHaveLength(0);
    expect(await stockInvariantViolations(t.db)).toEqual([]);
  });

  it("a double submit with the same key returns the same order and takes stock once", async () => {
    const { station, variant } = await shop(10);
    const buyer = await createViewer(t.db);
    const input = pickup(station.id, [{ variantId: variant.id, quantity: 3 }]);
    const [a, b] = await Promise.all([checkout(buyer, input), checkout(buyer, input)]);
    const c = await checkout(buyer, input);
    expect(new Set([a.number, b.number, c.number]).size).toBe(1);
    const [v] = await t.db.select().from(s.variants).where(eq(s.variants.id, variant.id));
    expect(v!.stock).toBe(7);
  });

  it("two lines of the same variant are summed: 1 + 1 against stock 1 is refused and nothing is written", async () => {
    const { station, variant } = await shop(1);
    const buyer = await createViewer(t.db);
    const before = await counts();
    await expect(
      checkout(
        buyer,
        pickup(station.id, [
          { variantId: variant.id, quantity: 1 },
          { variantId: variant.id, quantity: 1 },
        ]),
      ),
    ).rejects.toMatchObject({ code: "SOLD_OUT", params: { name: "湖墩大米 5kg" } });
    expect(await counts()).toEqual(before);
  });

  it.each([
    ["-1", -1],
    ["0", 0],
    ["1.5", 1.5],
    ["'1e9'", "1e9"],
    ["2^53", 2 ** 53],
    ["'abc'", "abc"],
    ["missing", undefined],
  ])("quantity %s gives a field error and writes nothing", async (_, quantity) => {
    const { station, variant } = await shop(10);
    const buyer = await createViewer(t.db);
    const before = await counts();
    await expect(checkout(buyer, pickup(station.id, [{ variantId: variant.id, quantity }]))).rejects.toMatchObject({
      name: "ZodError",
    });
    expect(await counts()).toEqual(before);
  });

  it("an unknown variant or station is a clear error and writes nothing", async () => {
    const { station, variant } = await shop(10);
    const buyer = await createViewer(t.db);
    const before = await counts();
    await expect(checkout(buyer, pickup(station.id, [{ variantId: "var_nope", quantity: 1 }]))).rejects.toMatchObject({
      code: "VALIDATION",
    });
    await expect(checkout(buyer, pickup("stn_nope", [{ variantId: variant.id, quantity: 1 }]))).rejects.toMatchObject({
      code: "VALIDATION",
    });
    expect(await counts()).toEqual(before);
  });

  it("refuses unknown top-level fields (a total, a status) instead of trusting them", async () => {
    const { station, variant } = await shop(10);
    const buyer = await createViewer(t.db);
    await expect(
      checkout(buyer, { ...pickup(station.id, [{ variantId: variant.id, quantity: 1 }]), totalFen: 1 }),
    ).rejects.toMatchObject({ name: "ZodError" });
    await expect(
      checkout(buyer, { ...pickup(station.id, [{ variantId: variant.id, quantity: 1 }]), status: "completed" }),
    ).rejects.toMatchObject({ name: "ZodError" });
  });

  it("home delivery validates the address and adds the delivery fee below the free threshold", async () => {
    const { variant } = await shop(10, 2000);
    const buyer = await createViewer(t.db);
    const base = {
      idempotencyKey: idemKey(),
      lines: JSON.stringify([{ variantId: variant.id, quantity: 1 }]),
      fulfillment: "delivery",
      paymentMethod: "cash_on_delivery",
    };
    await expect(
      checkout(buyer, {
        ...base,
        recipient: "张三",
        phone: "123",
        region: "浙江省嘉兴市嘉善县",
        line: "惠民街道大柳村 8 号",
      }),
    ).rejects.toMatchObject({ name: "ZodError" });
    const placed = await checkout(buyer, {
      ...base,
      recipient: "张三",
      phone: "138 0000 0009",
      region: "浙江省嘉兴市嘉善县",
      line: "惠民街道大柳村 8 号",
    });
    const order = await getMyOrder(buyer, placed.number);
    expect(order).toMatchObject({ subtotalFen: 2000, deliveryFeeFen: 800, totalFen: 2800, pickupCode: null });
    expect(order.deliveryAddress).toMatchObject({ phone: "13800000009" });
  });

  it("stores script-laden notes as plain text", async () => {
    const { station, variant } = await shop(10);
    const buyer = await createViewer(t.db);
    const note = `<script>alert(1)</script><img src=x onerror=alert(2)>`;
    const placed = await checkout(buyer, { ...pickup(station.id, [{ variantId: variant.id, quantity: 1 }]), note });
    expect((await getMyOrder(buyer, placed.number)).note).toBe(note);
  });

  it("another buyer's order number answers NOT_FOUND", async () => {
    const { station, variant } = await shop(10);
    const a = await createViewer(t.db);
    const b = await createViewer(t.db);
    const placed = await checkout(a, pickup(station.id, [{ variantId: variant.id, quantity: 1 }]));
    await expect(getMyOrder(b, placed.number)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getMyOrder(null, placed.number)).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
  });
});
