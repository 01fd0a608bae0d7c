import "server-only";
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { Viewer } from "../auth/contract";
import { AppError } from "../core/errors";
import { newId } from "../core/ids";
import { getDb, schema as s, type DbOrTx, type Tx } from "../db";
import type { CartDto, CartLineDto, CartLineInput, RemoveCartLineInput, SetCartQuantityInput } from "./contract";

/** Who the cart belongs to: a signed-in person, or a guest known by the cart id in a cookie. */
export interface CartOwner {
  viewer: Viewer | null;
  guestCartId: string | null;
}

const guestIdPattern = /^cart_[0-9a-z]{16}$/;

/**
 * The cart id to use, creating the cart when `create` is set (only actions create). A signed-in person's cart is
 * theirs alone: a guest cart left behind a cookie is merged once, at sign-in (mergeGuestCart), never here — a
 * page render that merged raced the header's count and doubled the quantities.
 */
async function resolveCart(
  db: DbOrTx,
  owner: CartOwner,
  create: boolean,
): Promise<{ cartId: string | null; newGuestId?: string }> {
  const guestId = owner.guestCartId && guestIdPattern.test(owner.guestCartId) ? owner.guestCartId : null;
  if (!owner.viewer) {
    if (guestId) {
      const [cart] = await db
        .select({ id: s.carts.id })
        .from(s.carts)
        .where(and(eq(s.carts.id, guestId), isNull(s.carts.userId)));
      if (cart) return { cartId: cart.id };
    }
    if (!create) return { cartId: null };
    const id = newId("cart");
    await db.insert(s.carts).values({ id });
    return { cartId: id, newGuestId: id };
  }
  return { cartId: await userCartId(db, owner.viewer.userId, create) };
}

async function userCartId(db: DbOrTx, userId: string, create: boolean): Promise<string | null> {
  const [mine] = await db.select({ id: s.carts.id }).from(s.carts).where(eq(s.carts.userId, userId));
  if (mine || !create) return mine?.id ?? null;
  await db
    .insert(s.carts)
    .values({ id: newId("cart"), userId })
    .onConflictDoNothing();
  return (await db.select({ id: s.carts.id }).from(s.carts).where(eq(s.carts.userId, userId)))[0]?.id ?? null;
}

/**
 * Moves a guest's cart into the person's own, at sign-in: quantities of a variant in both are added (up to 999),
 * then the guest cart is gone. One transaction that locks the guest cart first, so a second merge of the same
 * cart — a double submit, two tabs — waits, finds nothing left and changes nothing.
 */
export async function mergeGuestCart(userId: string, guestCartId: string | null): Promise<{ merged: number }> {
  if (!guestCartId || !guestIdPattern.test(guestCartId)) return { merged: 0 };
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [guest] = await tx
      .select({ id: s.carts.id })
      .from(s.carts)
      .where(and(eq(s.carts.id, guestCartId), isNull(s.carts.userId)))
      .for("update");
    if (!guest) return { merged: 0 };
    const lines = await tx
      .select({ variantId: s.cartLines.variantId, quantity: s.cartLines.quantity })
      .from(s.cartLines)
      .where(eq(s.cartLines.cartId, guest.id));
    const intoId = lines.length ? await userCartId(tx, userId, true) : null;
    for (const l of lines) {
      await tx
        .insert(s.cartLines)
        .values({ cartId: intoId!, variantId: l.variantId, quantity: l.quantity })
        .onConflictDoUpdate({
          target: [s.cartLines.cartId, s.cartLines.variantId],
          set: { quantity: sql`least(${s.cartLines.quantity} + ${l.quantity}, 999)` },
        });
    }
    await tx.delete(s.carts).where(and(eq(s.carts.id, guest.id), isNull(s.carts.userId)));
    return { merged: lines.length };
  });
}

export async function loadCart(owner: CartOwner): Promise<CartDto> {
  const d = await getDb();
  const { cartId } = await resolveCart(d, owner, false);
  if (!cartId) return { lines: [], subtotalFen: 0, count: 0, buyable: false };
  const rows = await d
    .select({
      variantId: s.variants.id,
      quantity: s.cartLines.quantity,
      productSlug: s.products.slug,
      productNameZh: s.products.nameZh,
      productNameEn: s.products.nameEn,
      variantLabelZh: s.variants.labelZh,
      variantLabelEn: s.variants.labelEn,
      coopNameZh: s.cooperatives.nameZh,
      coopNameEn: s.cooperatives.nameEn,
      imagePath: s.products.imagePath,
      unitPriceFen: s.variants.priceFen,
      stock: s.variants.stock,
      sellable: sql<boolean>`(${s.variants.status} = 'active' and ${s.products.status} = 'published' and ${s.cooperatives.status} = 'approved')`,
    })
    .from(s.cartLines)
    .innerJoin(s.variants, eq(s.variants.id, s.cartLines.variantId))
    .innerJoin(s.products, eq(s.products.id, s.variants.productId))
    .innerJoin(s.cooperatives, eq(s.cooperatives.id, s.products.coopId))
    .where(eq(s.cartLines.cartId, cartId))
    .orderBy(asc(s.cartLines.addedAt), asc(s.variants.id));
  const lines: CartLineDto[] = rows.map(({ sellable, ...r }) => ({
    ...r,
    lineTotalFen: r.unitPriceFen * r.quantity,
    problem: !sellable ? "unavailable" : r.stock <= 0 ? "sold_out" : r.stock < r.quantity ? "insufficient" : null,
  }));
  const ok = lines.filter((l) => !l.problem);
  return {
    lines,
    subtotalFen: ok.reduce((a, l) => a + l.lineTotalFen, 0),
    count: lines.reduce((a, l) => a + l.quantity, 0),
    buyable: lines.length > 0 && ok.length === lines.length,
  };
}

export async function cartCount(owner: CartOwner): Promise<number> {
  if (!owner.viewer && !owner.guestCartId) return 0;
  return (await loadCart(owner)).count;
}

async function sellableVariant(db: DbOrTx, variantId: string) {
  const [v] = await db
    .select({ id: s.variants.id, stock: s.variants.stock, name: s.products.nameZh, label: s.variants.labelZh })
    .from(s.variants)
    .innerJoin(s.products, eq(s.products.id, s.variants.productId))
    .innerJoin(s.cooperatives, eq(s.cooperatives.id, s.products.coopId))
    .where(
      and(
        eq(s.variants.id, variantId),
        eq(s.variants.status, "active"),
        eq(s.products.status, "published"),
        eq(s.cooperatives.status, "approved"),
      ),
    );
  if (!v) throw new AppError("NOT_FOUND", `variant ${variantId} is not for sale`);
  return v;
}

/** Adds units of a variant, refusing more than the stock on hand. Returns a new guest cart id to remember. */
export async function addToCart(
  owner: CartOwner,
  { variantId, quantity }: CartLineInput,
): Promise<{ newGuestId?: string; count: number }> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const v = await sellableVariant(tx, variantId);
    const { cartId, newGuestId } = await resolveCart(tx, owner, true);
    const [line] = await tx
      .insert(s.cartLines)
      .values({ cartId: cartId!, variantId, quantity })
      .onConflictDoUpdate({
        target: [s.cartLines.cartId, s.cartLines.variantId],
        set: { quantity: sql`${s.cartLines.quantity} + ${quantity}` },
      })
      .returning({ quantity: s.cartLines.quantity });
    assertWithinStock(v, line!.quantity);
    return { newGuestId, count: await countLines(tx, cartId!) };
  });
}

/** Sets a line's quantity (0 removes it), within the stock on hand. */
export async function setCartQuantity(owner: CartOwner, { variantId, quantity }: SetCartQuantityInput): Promise<void> {
  const db = await getDb();
  await db.transaction(async (tx) => {
    const { cartId } = await resolveCart(tx, owner, false);
    if (!cartId) throw new AppError("NOT_FOUND", "no cart");
    if (quantity === 0) {
      await tx.delete(s.cartLines).where(and(eq(s.cartLines.cartId, cartId), eq(s.cartLines.variantId, variantId)));
      return;
    }
    assertWithinStock(await sellableVariant(tx, variantId), quantity);
    const rows = await tx
      .update(s.cartLines)
      .set({ quantity })
      .where(and(eq(s.cartLines.cartId, cartId), eq(s.cartLines.variantId, variantId)))
      .returning({ quantity: s.cartLines.quantity });
    if (!rows.length) throw new AppError("NOT_FOUND", "line not in cart");
  });
}

export async function removeCartLine(owner: CartOwner, { variantId }: RemoveCartLineInput): Promise<void> {
  const db = await getDb();
  await db.transaction(async (tx) => {
    const { cartId } = await resolveCart(tx, owner, false);
    if (cartId)
      await tx.delete(s.cartLines).where(and(eq(s.cartLines.cartId, cartId), eq(s.cartLines.variantId, variantId)));
  });
}

/** After an order: take its units out of the buyer's cart (a line ordered in full disappears). */
export async function removeOrderedFromCart(tx: Tx, userId: string, lines: { variantId: string; quantity: number }[]) {
  const [cart] = await tx.select({ id: s.carts.id }).from(s.carts).where(eq(s.carts.userId, userId));
  if (!cart) return;
  const ordered = new Map<string, number>();
  for (const l of lines) ordered.set(l.variantId, (ordered.get(l.variantId) ?? 0) + l.quantity);
  for (const [variantId, quantity] of ordered) {
    const line = and(eq(s.cartLines.cartId, cart.id), eq(s.cartLines.variantId, variantId));
    const left = await tx
      .update(s.cartLines)
      .set({ quantity: sql`${s.cartLines.quantity} - ${quantity}` })
      .where(and(line, sql`${s.cartLines.quantity} > ${quantity}`))
      .returning({ quantity: s.cartLines.quantity });
    if (!left.length) await tx.delete(s.cartLines).where(line);
  }
}

function assertWithinStock(v: { stock: number; name: string; label: string }, wanted: number) {
  if (wanted > v.stock) {
    throw new AppError("SOLD_OUT", `only ${v.stock} left`, { params: { name: `${v.name} ${v.label}`, left: v.stock } });
  }
}

async function countLines(db: DbOrTx, cartId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`coalesce(sum(${s.cartLines.quantity}), 0)::int` })
    .from(s.cartLines)
    .where(eq(s.cartLines.cartId, cartId));
  return row?.n ?? 0;
}
