import "server-only";
import { and, eq, gte, sql } from "drizzle-orm";
import { AppError } from "../core/errors";
import { schema as s, type Tx } from "../db";
import type { MovementReason } from "./contract";

export interface StockRef {
  refType: string;
  refId: string;
  actorId?: string | null;
  note?: string | null;
}

export interface Take {
  variantId: string;
  quantity: number;
  /** For the sold-out message: which line was short. */
  label: string;
}

/**
 * Takes stock for several variants inside the caller's transaction: one conditional UPDATE per variant
 * (WHERE stock >= n, so a concurrent buyer can never take the same unit), in id order so two carts never
 * wait on each other in opposite orders, each with its movement row. Throws SOLD_OUT naming the short line;
 * the caller's transaction then writes nothing.
 */
export async function takeStock(tx: Tx, takes: Take[], ref: StockRef, reason: MovementReason = "order"): Promise<void> {
  const merged = new Map<string, Take>();
  for (const t of takes) {
    const prev = merged.get(t.variantId);
    merged.set(t.variantId, prev ? { ...prev, quantity: prev.quantity + t.quantity } : { ...t });
  }
  for (const t of [...merged.values()].sort((a, b) => (a.variantId < b.variantId ? -1 : 1))) {
    const [row] = await tx
      .update(s.variants)
      .set({ stock: sql`${s.variants.stock} - ${t.quantity}`, updatedAt: sql`now()` })
      .where(and(eq(s.variants.id, t.variantId), gte(s.variants.stock, t.quantity)))
      .returning({ stock: s.variants.stock });
    if (!row) {
      throw new AppError("SOLD_OUT", `not enough stock for ${t.variantId}`, {
        params: { name: t.label, variantId: t.variantId },
      });
    }
    await writeMovement(tx, t.variantId, -t.quantity, row.stock, reason, ref);
  }
}

/** Puts stock back (a cancellation, an expiry), with its movement row. */
export async function returnStock(
  tx: Tx,
  items: { variantId: string; quantity: number }[],
  ref: StockRef,
  reason: MovementReason = "cancel",
): Promise<void> {
  for (const it of [...items].sort((a, b) => (a.variantId < b.variantId ? -1 : 1))) {
    if (it.quantity <= 0) continue;
    const [row] = await tx
      .update(s.variants)
      .set({ stock: sql`${s.variants.stock} + ${it.quantity}`, updatedAt: sql`now()` })
      .where(eq(s.variants.id, it.variantId))
      .returning({ stock: s.variants.stock });
    if (!row) throw new AppError("NOT_FOUND", `variant ${it.variantId} vanished`);
    await writeMovement(tx, it.variantId, it.quantity, row.stock, reason, ref);
  }
}

export async function writeMovement(
  tx: Tx,
  variantId: string,
  delta: number,
  stockAfter: number,
  reason: MovementReason,
  ref: Partial<StockRef>,
): Promise<void> {
  await tx.insert(s.inventoryMovements).values({
    variantId,
    delta,
    stockAfter,
    reason,
    refType: ref.refType ?? null,
    refId: ref.refId ?? null,
    actorId: ref.actorId ?? null,
    note: ref.note ?? null,
  });
}
