// What a product's stock looks like to a buyer. Apart from contract.ts (which builds zod schemas) so that a client
// component showing stock does not bring zod into the page's JavaScript.
export const LOW_STOCK = 10;

export type StockState = { kind: "in_stock" } | { kind: "low"; left: number } | { kind: "sold_out" };

export function stockState(stock: number): StockState {
  if (stock <= 0) return { kind: "sold_out" };
  if (stock <= LOW_STOCK) return { kind: "low", left: stock };
  return { kind: "in_stock" };
}
