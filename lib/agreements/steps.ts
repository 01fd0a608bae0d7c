import "server-only";
import { and, desc, eq } from "drizzle-orm";
import { assertWorkspace } from "../auth";
import type { Viewer } from "../auth/contract";
import { AppError } from "../core/errors";
import { schema as s, type Tx } from "../db";
import { notify } from "../events";
import type { AgreementAction, AgreementSide } from "./contract";

export type AgreementRow = typeof s.carryingAgreements.$inferSelect;

/**
 * The agreement as one side sees it: the streamer's own, or one of the viewer's cooperatives'. Anything else —
 * another streamer's, another cooperative's, a missing id — answers NOT_FOUND.
 */
export async function agreementForSide(
  tx: Tx,
  viewer: Viewer | null,
  side: AgreementSide,
  agreementId: string,
  lock = false,
): Promise<AgreementRow> {
  assertWorkspace(viewer, side);
  const q = tx.select().from(s.carryingAgreements).where(eq(s.carryingAgreements.id, agreementId));
  const [row] = lock ? await q.for("update") : await q;
  const mine =
    row && (side === "streamer" ? row.streamerId === viewer.userId : viewer.caps.coopIds.includes(row.coopId));
  if (!row || !mine) throw new AppError("NOT_FOUND", "agreement not found");
  return row;
}

export async function lastEvent(tx: Tx, agreementId: string) {
  const [e] = await tx
    .select()
    .from(s.carryingAgreementEvents)
    .where(eq(s.carryingAgreementEvents.agreementId, agreementId))
    .orderBy(desc(s.carryingAgreementEvents.id))
    .limit(1);
  return e ?? null;
}

/** Appends one history row and tells the other side (every member of the cooperative, or the streamer). */
export async function recordStep(
  tx: Tx,
  a: { id: string; streamerId: string; coopId: string },
  e: {
    actorId: string;
    side: AgreementSide;
    action: AgreementAction;
    rateBps?: number | null;
    startsAt?: Date | null;
    endsAt?: Date | null;
    productIds?: string[] | null;
    note?: string | null;
    at: Date;
  },
): Promise<number> {
  const [row] = await tx
    .insert(s.carryingAgreementEvents)
    .values({
      agreementId: a.id,
      actorId: e.actorId,
      side: e.side,
      action: e.action,
      rateBps: e.rateBps ?? null,
      startsAt: e.startsAt ?? null,
      endsAt: e.endsAt ?? null,
      productIds: e.productIds ?? null,
      note: e.note ?? null,
      createdAt: e.at,
    })
    .returning({ id: s.carryingAgreementEvents.id });
  const eventId = row!.id;
  const [names] = await tx
    .select({ coop: s.cooperatives.nameZh, streamer: s.users.name })
    .from(s.cooperatives)
    .innerJoin(s.users, eq(s.users.id, a.streamerId))
    .where(eq(s.cooperatives.id, a.coopId));
  const recipients =
    e.side === "coop"
      ? [{ userId: a.streamerId, link: `/streamer/agreements/${a.id}` }]
      : (
          await tx
            .select({ userId: s.memberships.userId })
            .from(s.memberships)
            .where(and(eq(s.memberships.kind, "coop"), eq(s.memberships.scopeId, a.coopId)))
        ).map((m) => ({ userId: m.userId, link: `/coop/agreements/${a.id}?coop=${a.coopId}` }));
  for (const r of recipients) {
    if (r.userId === e.actorId) continue;
    await notify(tx, {
      userId: r.userId,
      kind: "agreement_update",
      params: {
        action: e.action,
        by: e.side === "coop" ? (names?.coop ?? "") : (names?.streamer ?? ""),
        coop: names?.coop ?? "",
        streamer: names?.streamer ?? "",
      },
      link: r.link,
      dedupeKey: `agreement:${a.id}:${eventId}:${r.userId}`,
    });
  }
  return eventId;
}
