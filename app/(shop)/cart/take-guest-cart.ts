import "server-only";
import { cookies } from "next/headers";
import { userIdForIdentifier } from "@/lib/auth";
import { cartCookie, mergeGuestCart } from "@/lib/orders";

/**
 * Right after a sign-in (or a sign-up): what the guest put in the cart moves into the person's cart, once, and the
 * guest cookie is dropped. Called from the sign-in and sign-up actions only; reads never merge.
 */
export async function takeGuestCart(identifier: string): Promise<void> {
  const jar = await cookies();
  const { name } = cartCookie();
  const guest = jar.get(name)?.value ?? null;
  if (!guest) return;
  const userId = await userIdForIdentifier(identifier);
  if (!userId) return;
  await mergeGuestCart(userId, guest);
  jar.delete(name);
}
