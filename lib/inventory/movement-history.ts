import "server-only";
import { and, desc, eq, lt } from "drizzle-orm";
import type { Viewer } from "../auth/contract";
import { getDb, schema as s } from "../db";
import type { MovementHistoryDto } from "./contract";
import { stockVariantOrThrow } from "./own-variant";

const m = s.inventoryMovements;

/** A variant's stock movements, newest first, with who made each one and what it refers to; 50 per page. */
export async function movementHistory(
  viewer: Viewer | null,
  variantId: string,
  opts: { before?: number; limit?: number } = {},
): Promise<MovementHistoryDto> {
  const db = await getDb();
  const variant = await stockVariantOrThrow(db, viewer, variantId);
  const limit = Math.min(Math.max(opts.limit ?? 50, 1), 200);
  const rows = await db
    .select({
      id: m.id,
      delta: m.delta,
      stockAfter: m.stockAfter,
      reason: m.reason,
      refType: m.refType,
      refId: m.refId,
      orderNumber: s.orders.number,
      sessionTitle: s.liveSessions.title,
      note: m.note,
      actorName: s.users.name,
      createdAt: m.createdAt,
    })
    .from(m)
    .leftJoin(s.users, eq(s.users.id, m.actorId))
    .leftJoin(s.orders, and(eq(m.refType, "order"), eq(s.orders.id, m.refId)))
    .leftJoin(s.liveDrops, and(eq(m.refType, "drop"), eq(s.liveDrops.id, m.refId)))
    .leftJoin(s.liveSessions, eq(s.liveSessions.id, s.liveDrops.sessionId))
    .where(and(eq(m.variantId, variant.id), opts.before ? lt(m.id, opts.before) : undefined))
    .orderBy(desc(m.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  return {
    variant,
    movements: page.map(({ refType, refId, orderNumber, sessionTitle, ...r }) => ({
      ...r,
      // An order by its number, a drop by its session's title.
      reference: refType ? { type: refType, label: orderNumber ?? sessionTitle ?? refId ?? "" } : null,
    })),
    olderThan: rows.length > limit ? (page.at(-1)?.id ?? null) : null,
  };
}
