"use server";

import { cookies } from "next/headers";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/auth";
import { addToCart, cartCookie, removeCartLine, setCartQuantity } from "@/lib/orders";
import { cartOwner } from "./owner";

// The use cases validate their own input strictly; the action passes the form through as it came.
const passThrough = z.record(z.string(), z.unknown());

async function afterChange(newGuestId?: string) {
  const jar = await cookies();
  const { name, options } = cartCookie();
  const owner = await cartOwner();
  if (newGuestId) jar.set(name, newGuestId, options);
  // Signed in with a guest cookie left over: the guest cart was merged, forget it.
  else if (owner.viewer && owner.guestCartId) jar.delete(name);
  revalidatePath("/", "layout");
}

export const addToCartAction = defineAction({ name: "addToCart", access: "public", input: passThrough }, async (input) => {
  const result = await addToCart(await cartOwner(), input);
  await afterChange(result.newGuestId);
  return { count: result.count };
});

export const setCartQuantityAction = defineAction({ name: "setCartQuantity", access: "public", input: passThrough }, async (input) => {
  await setCartQuantity(await cartOwner(), input);
  await afterChange();
});

export const removeCartLineAction = defineAction({ name: "removeCartLine", access: "public", input: passThrough }, async (input) => {
  await removeCartLine(await cartOwner(), input);
  await afterChange();
});
