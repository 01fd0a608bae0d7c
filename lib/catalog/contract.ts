import { z } from "zod";

export { categories, type Category } from "./contract-categories";
export type { CoopCardDto, ProductCardDto } from "./contract-cards";

export const LOW_STOCK = 10;

export type StockState = { kind: "in_stock" } | { kind: "low"; left: number } | { kind: "sold_out" };

export function stockState(stock: number): StockState {
  if (stock <= 0) return { kind: "sold_out" };
  if (stock <= LOW_STOCK) return { kind: "low", left: stock };
  return { kind: "in_stock" };
}

export const slugSchema = z
  .string()
  .min(2)
  .max(80)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "invalid");

export * from "./contract-browse";
export * from "./contract-manage";
