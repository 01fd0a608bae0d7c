import { sql } from "drizzle-orm";
import { bigint, check, index, integer, pgTable, text } from "drizzle-orm/pg-core";
import { createdAt } from "./columns";
import { users } from "./users";
import { variants } from "./catalog";

/**
 * drop_reserve / drop_release: a live drop holds its units from the stock while it is open (taken when it opens,
 * the unsold rest given back when it closes), so a purchase from it touches the drop's row and not the variant's.
 */
export const movementReasons = [
  "receive",
  "adjust",
  "order",
  "cancel",
  "expire",
  "correction",
  "drop_reserve",
  "drop_release",
] as const;

/**
 * Every change of a variant's stock, written in the same transaction as the change.
 * Invariant: for every variant, the sum of its deltas equals its stock now (stock starts at 0).
 */
export const inventoryMovements = pgTable(
  "inventory_movements",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    variantId: text("variant_id")
      .notNull()
      .references(() => variants.id),
    delta: integer("delta").notNull(),
    stockAfter: integer("stock_after").notNull(),
    reason: text("reason", { enum: movementReasons }).notNull(),
    refType: text("ref_type"),
    refId: text("ref_id"),
    note: text("note"),
    actorId: text("actor_id").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("inventory_movements_variant_idx").on(t.variantId, t.id),
    index("inventory_movements_ref_idx").on(t.refType, t.refId),
    check("inventory_movements_delta_nonzero", sql`${t.delta} <> 0`),
    check("inventory_movements_stock_after_nonneg", sql`${t.stockAfter} >= 0`),
  ],
);
