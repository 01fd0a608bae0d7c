import "server-only";
import { and, desc, eq, gte, inArray, sql } from "drizzle-orm";
import { assertViewer } from "../auth";
import type { Viewer } from "../auth/contract";
import { AppError } from "../core/errors";
import { getDb, schema as s, type DbOrTx } from "../db";
import { adjustStockInput, receiveStockInput, type MovementDto } from "./contract";
import { writeMovement } from "./stock";

/** The variant, if its product belongs to one of the viewer's cooperatives; otherwise NOT_FOUND. */
async function ownVariantId(db: DbOrTx, viewer: Viewer | null, variantId: string): Promise<string> {
  assertViewer(viewer);
  const [row] = viewer.caps.coopIds.length
    ? await db
        .select({ id: s.variants.id })
        .from(s.variants)
        .innerJoin(s.products, eq(s.products.id, s.variants.productId))
        .where(and(eq(s.variants.id, variantId), inArray(s.products.coopId, viewer.caps.coopIds)))
    : [];
  if (!row) throw new AppError("NOT_FOUND", "variant not found");
  return row.id;
}

/** Goods arrive: stock goes up by the quantity, with a `receive` movement. */
export async function receiveStock(viewer: Viewer | null, raw: unknown): Promise<{ stock: number }> {
  const input = receiveStockInput.parse(raw);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const id = await ownVariantId(tx, viewer, input.variantId);
    const [row] = await tx
      .update(s.variants)
      .set({ stock: sql`${s.variants.stock} + ${input.quantity}`, updatedAt: sql`now()` })
      .where(eq(s.variants.id, id))
      .returning({ stock: s.variants.stock });
    await writeMovement(tx, id, input.quantity, row!.stock, "receive", { actorId: viewer!.userId, note: input.note || null });
    return { stock: row!.stock };
  });
}

/** A counted correction, up or down, with its reason; never below zero (a conditional UPDATE decides). */
export async function adjustStock(viewer: Viewer | null, raw: unknown): Promise<{ stock: number }> {
  const input = adjustStockInput.parse(raw);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const id = await ownVariantId(tx, viewer, input.variantId);
    const [row] = await tx
      .update(s.variants)
      .set({ stock: sql`${s.variants.stock} + ${input.delta}`, updatedAt: sql`now()` })
      .where(and(eq(s.variants.id, id), gte(s.variants.stock, Math.max(0, -input.delta))))
      .returning({ stock: s.variants.stock });
    if (!row) {
      throw new AppError("INVALID_STATE", "adjustment would take stock below zero", { fields: { delta: ["below_zero"] } });
    }
    await writeMovement(tx, id, input.delta, row.stock, "adjust", { actorId: viewer!.userId, note: input.reason });
    return { stock: row.stock };
  });
}

/** A variant's movements, newest first, with who made them. */
export async function movementHistory(viewer: Viewer | null, variantId: string, limit = 200): Promise<MovementDto[]> {
  const db = await getDb();
  const id = await ownVariantId(db, viewer, variantId);
  const rows = await db
    .select({
      id: s.inventoryMovements.id,
      variantId: s.inventoryMovements.variantId,
      delta: s.inventoryMovements.delta,
      stockAfter: s.inventoryMovements.stockAfter,
      reason: s.inventoryMovements.reason,
      refType: s.inventoryMovements.refType,
      refId: s.inventoryMovements.refId,
      note: s.inventoryMovements.note,
      actorName: s.users.name,
      createdAt: s.inventoryMovements.createdAt,
    })
    .from(s.inventoryMovements)
    .leftJoin(s.users, eq(s.users.id, s.inventoryMovements.actorId))
    .where(eq(s.inventoryMovements.variantId, id))
    .orderBy(desc(s.inventoryMovements.id))
    .limit(limit);
  return rows.map((r) => ({ ...r, actorName: r.actorName ?? null }));
}
