import "server-only";
import { cookies } from "next/headers";
import { getViewer } from "@/lib/auth";
import { cartCookie, type CartOwner } from "@/lib/orders";

/** The cart's owner for this request: the signed-in person, or the guest behind the cart cookie. */
export async function cartOwner(): Promise<CartOwner> {
  const [viewer, jar] = await Promise.all([getViewer(), cookies()]);
  return { viewer, guestCartId: jar.get(cartCookie().name)?.value ?? null };
}
