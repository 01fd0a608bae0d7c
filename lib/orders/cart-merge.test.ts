import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as s from "../db/schema";
import { createCoop, createProduct } from "../db/seed/factories";
import { setupTestDb } from "../db/test-db";
import { createViewer } from "../../tests/support/viewers";
import { addToCart } from "../../tests/support/forms/orders";
import { loadCart, mergeGuestCart } from "./cart";

const t = setupTestDb({ poolSize: 12 });

async function shop() {
  const coop = await createCoop(t.db);
  const { variants } = await createProduct(t.db, {
    coopId: coop.id,
    variants: [
      { priceFen: 13800, stock: 50 },
      { priceFen: 27600, stock: 50 },
    ],
  });
  return { rice: variants[0]!, gift: variants[1]! };
}

/** A guest's cart (behind its cookie) with the given lines. */
async function guestCart(lines: { variantId: string; quantity: number }[]): Promise<string> {
  let id: string | undefined;
  for (const l of lines) id = (await addToCart({ viewer: null, guestCartId: id ?? null }, l)).newGuestId ?? id;
  return id!;
}

describe("the guest cart at sign-in", () => {
  it("reading the cart of someone signed in never merges: the header's count and the page agree and nothing doubles", async () => {
    const { rice } = await shop();
    const buyer = await createViewer(t.db);
    const guest = await guestCart([{ variantId: rice.id, quantity: 1 }]);
    const owner = { viewer: buyer, guestCartId: guest };
    const reads = await Promise.all([loadCart(owner), loadCart(owner), loadCart(owner)]);
    expect(reads.map((c) => c.count)).toEqual([0, 0, 0]);
    expect((await t.db.select().from(s.carts).where(eq(s.carts.id, guest))).length).toBe(1);
  });

  it("one merge adds the guest's quantities to the person's cart once; running it again changes nothing", async () => {
    const { rice, gift } = await shop();
    const buyer = await createViewer(t.db);
    await addToCart({ viewer: buyer, guestCartId: null }, { variantId: gift.id, quantity: 1 });
    const guest = await guestCart([
      { variantId: rice.id, quantity: 1 },
      { variantId: gift.id, quantity: 1 },
    ]);
    expect(await mergeGuestCart(buyer.userId, guest)).toEqual({ merged: 2 });
    expect(await mergeGuestCart(buyer.userId, guest)).toEqual({ merged: 0 });
    const cart = await loadCart({ viewer: buyer, guestCartId: null });
    expect(cart.lines.map((l) => [l.variantId, l.quantity])).toEqual([
      [gift.id, 2],
      [rice.id, 1],
    ]);
    expect(cart).toMatchObject({ count: 3, subtotalFen: 13800 + 2 * 27600 });
    expect(await t.db.select().from(s.carts).where(eq(s.carts.id, guest))).toEqual([]);
  });

  it("ten merges of one guest cart at once (two tabs, a double submit) add it exactly once", async () => {
    const { rice, gift } = await shop();
    const buyer = await createViewer(t.db);
    const guest = await guestCart([
      { variantId: rice.id, quantity: 1 },
      { variantId: gift.id, quantity: 1 },
    ]);
    const results = await Promise.all(Array.from({ length: 10 }, () => mergeGuestCart(buyer.userId, guest)));
    expect(results.map((r) => r.merged).sort()).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 2]);
    const cart = await loadCart({ viewer: buyer, guestCartId: null });
    expect(cart).toMatchObject({ count: 2, subtotalFen: 13800 + 27600 });
  });

  it("a malformed or someone else's cart id merges nothing", async () => {
    const { rice } = await shop();
    const a = await createViewer(t.db);
    const b = await createViewer(t.db);
    await addToCart({ viewer: a, guestCartId: null }, { variantId: rice.id, quantity: 1 });
    const [aCart] = await t.db.select().from(s.carts).where(eq(s.carts.userId, a.userId));
    expect(await mergeGuestCart(b.userId, aCart!.id)).toEqual({ merged: 0 });
    expect(await mergeGuestCart(b.userId, "cart_'; drop table carts")).toEqual({ merged: 0 });
    expect((await loadCart({ viewer: a, guestCartId: null })).count).toBe(1);
  });
});
