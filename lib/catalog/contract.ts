import { z } from "zod";

export { categories, type Category } from "./contract-categories";
export type { CoopCardDto, ProductCardDto } from "./contract-cards";

export { LOW_STOCK, stockState, type StockState } from "./contract-stock";

export const slugSchema = z
  .string()
  .min(2)
  .max(80)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "invalid");

export * from "./contract-browse";
export * from "./contract-manage";
