import { defineMachine } from "../core/state-machine";
import type { ProductStatus, VariantStatus } from "./contract-manage";

/**
 * draft ⇄ published; either one → archived, which is final: an archived product stays only for the orders
 * that name it.
 */
export const productMachine = defineMachine<ProductStatus>("product", {
  draft: ["published", "archived"],
  published: ["draft", "archived"],
  archived: [],
});

/** A variant is on sale until it is archived; archiving is final, old orders keep pointing at it. */
export const variantMachine = defineMachine<VariantStatus>("variant", {
  active: ["archived"],
  archived: [],
});
