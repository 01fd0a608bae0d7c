"use server";

import { cookies } from "next/headers";
import { revalidatePath } from "next/cache";
import { defineAction } from "@/lib/auth";
import { addToCart, cartCookie, mergeGuestCart, removeCartLine, setCartQuantity, type CartOwner } from "@/lib/orders";
import { cartLineInput, removeCartLineInput, setCartQuantityInput } from "@/lib/orders/contract";
import { cartOwner } from "./owner";

/** The cart's owner; a guest cart still behind the cookie of someone signed in is merged first (once). */
async function owner(): Promise<CartOwner> {
  const o = await cartOwner();
  if (!o.viewer || !o.guestCartId) return o;
  await mergeGuestCart(o.viewer.userId, o.guestCartId);
  (await cookies()).delete(cartCookie().name);
  return { ...o, guestCartId: null };
}

async function afterChange(newGuestId?: string) {
  const jar = await cookies();
  const { name, options } = cartCookie();
  if (newGuestId) jar.set(name, newGuestId, options);
  revalidatePath("/", "layout");
}

export const addToCartAction = defineAction(
  { name: "addToCart", access: "public", input: cartLineInput },
  async (input) => {
    const result = await addToCart(await owner(), input);
    await afterChange(result.newGuestId);
    return { count: result.count };
  },
);

export const setCartQuantityAction = defineAction(
  { name: "setCartQuantity", access: "public", input: setCartQuantityInput },
  async (input) => {
    await setCartQuantity(await owner(), input);
    await afterChange();
  },
);

export const removeCartLineAction = defineAction(
  { name: "removeCartLine", access: "public", input: removeCartLineInput },
  async (input) => {
    await removeCartLine(await owner(), input);
    await afterChange();
  },
);
