import { defineMachine } from "../core/state-machine";
import type { ProductStatus } from "./contract-manage";

/** draft ⇄ published; either → archived (off sale, kept for old orders); archived → draft to bring it back. */
export const productMachine = defineMachine<ProductStatus>("product", {
  draft: ["published", "archived"],
  published: ["draft", "archived"],
  archived: ["draft"],
});
