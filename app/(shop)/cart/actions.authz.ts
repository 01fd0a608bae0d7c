import type { ActionsAuthz } from "@/e2e/authz/types";
import type * as actions from "./actions";

// The cart is anyone's, signed in or not (a guest's lives behind its cookie).
export const authz = {
  addToCartAction: { allow: "everyone", input: (f) => ({ variantId: f.variantA, quantity: 1 }) },
  setCartQuantityAction: { allow: "everyone", input: (f) => ({ variantId: f.variantA, quantity: 2 }) },
  removeCartLineAction: { allow: "everyone", input: (f) => ({ variantId: f.variantA }), destructive: true },
} satisfies ActionsAuthz<typeof actions>;
