import "server-only";
import { eq } from "drizzle-orm";
import type { Viewer } from "../auth/contract";
import { now } from "../core/clock";
import { AppError } from "../core/errors";
import { getDb, schema as s, type Tx } from "../db";
import type {
  AgreementAction,
  AgreementSide,
  AgreementStatus,
  AnswerAgreementInput,
  CounterAgreementInput,
} from "./contract";
import { agreementMachine } from "./state";
import { agreementForSide, lastEvent, recordStep, type AgreementRow } from "./steps";
import { assertNoOpenAgreement, checkTerms, lockPair } from "./terms";

export interface StepResult {
  id: string;
  status: AgreementStatus;
  awaiting: AgreementSide | null;
  /** The same step had already been taken by the same person (a double click, a replayed request): nothing written. */
  replayed: boolean;
}

/**
 * What lib/live does when an agreement ends (it ranks above this area, so the caller hands it in): take the
 * products out of the streamer's scheduled sessions and release what a live one pins or drops.
 */
export type OnAgreementEnded = (
  tx: Tx,
  ended: { agreementId: string; streamerId: string; coopId: string; at: Date },
) => Promise<void>;

const otherSide = (side: AgreementSide): AgreementSide => (side === "streamer" ? "coop" : "streamer");
const result = (a: AgreementRow, replayed: boolean): StepResult => ({
  id: a.id,
  status: a.status,
  awaiting: a.awaiting,
  replayed,
});

/**
 * A step the state no longer allows may be the same person's repeat of the step that got it there (accepting
 * twice, a double-clicked counter with the same terms): that answers as before and writes nothing. Anything
 * else is refused with INVALID_STATE.
 */
async function replayOrRefuse(
  tx: Tx,
  a: AgreementRow,
  viewer: Viewer,
  side: AgreementSide,
  action: AgreementAction,
  why: string,
  sameTerms?: (e: NonNullable<Awaited<ReturnType<typeof lastEvent>>>) => boolean,
): Promise<StepResult> {
  const e = await lastEvent(tx, a.id);
  if (e && e.action === action && e.side === side && e.actorId === viewer.userId && (!sameTerms || sameTerms(e)))
    return result(a, true);
  throw new AppError("INVALID_STATE", `${action}: ${why}`, { params: { from: a.status, to: action } });
}

const awaitedSideOnly = (a: AgreementRow, side: AgreementSide) =>
  (a.status === "proposed" || a.status === "countered") && a.awaiting === side;

async function moveTo(
  tx: Tx,
  a: AgreementRow,
  to: AgreementStatus,
  set: Partial<typeof s.carryingAgreements.$inferInsert>,
  at: Date,
): Promise<AgreementRow> {
  agreementMachine.assert(a.status, to);
  const [row] = await tx
    .update(s.carryingAgreements)
    .set({ status: to, updatedAt: at, ...set })
    .where(eq(s.carryingAgreements.id, a.id))
    .returning();
  return row!;
}

/** The awaited side accepts the terms on the table: the agreement is active (in force from its start day). */
export async function acceptAgreement(
  viewer: Viewer | null,
  side: AgreementSide,
  input: AnswerAgreementInput,
): Promise<StepResult> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const a = await agreementForSide(tx, viewer, side, input.agreementId, true);
    const at = now();
    if (!awaitedSideOnly(a, side)) return replayOrRefuse(tx, a, viewer!, side, "accept", "not awaiting this side");
    if (a.endsAt <= at) throw new AppError("INVALID_STATE", "the proposed period is over: counter with new dates");
    const row = await moveTo(tx, a, "active", { awaiting: null }, at);
    const products = await chosenProducts(tx, a);
    await recordStep(tx, a, {
      actorId: viewer!.userId,
      side,
      action: "accept",
      rateBps: a.rateBps,
      startsAt: a.startsAt,
      endsAt: a.endsAt,
      productIds: a.allProducts ? null : products,
      note: input.note,
      at,
    });
    return result(row, false);
  });
}

/** The awaited side rejects: the negotiation is over (a new proposal may follow). */
export async function rejectAgreement(
  viewer: Viewer | null,
  side: AgreementSide,
  input: AnswerAgreementInput,
): Promise<StepResult> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const a = await agreementForSide(tx, viewer, side, input.agreementId, true);
    const at = now();
    if (!awaitedSideOnly(a, side)) return replayOrRefuse(tx, a, viewer!, side, "reject", "not awaiting this side");
    const row = await moveTo(tx, a, "rejected", { awaiting: null }, at);
    await recordStep(tx, a, { actorId: viewer!.userId, side, action: "reject", note: input.note, at });
    return result(row, false);
  });
}

/** The streamer takes its request back while it is still being negotiated (whoever's turn it is). */
export async function withdrawAgreement(viewer: Viewer | null, input: AnswerAgreementInput): Promise<StepResult> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const a = await agreementForSide(tx, viewer, "streamer", input.agreementId, true);
    const at = now();
    if (a.status !== "proposed" && a.status !== "countered")
      return replayOrRefuse(tx, a, viewer!, "streamer", "withdraw", "not under negotiation");
    const row = await moveTo(tx, a, "withdrawn", { awaiting: null }, at);
    await recordStep(tx, a, { actorId: viewer!.userId, side: "streamer", action: "withdraw", note: input.note, at });
    return result(row, false);
  });
}

/**
 * The awaited side proposes other terms (rate, period, products); the turn passes to the other side. The new
 * period must not overlap another open agreement of the pair.
 */
export async function counterAgreement(
  viewer: Viewer | null,
  side: AgreementSide,
  input: CounterAgreementInput,
): Promise<StepResult> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const a = await agreementForSide(tx, viewer, side, input.agreementId, true);
    const at = now();
    const terms = await checkTerms(tx, a.coopId, { ...input, rateBps: input.rate }, at);
    const productIds = input.scope === "all" ? null : [...terms.productIds].sort();
    if (!awaitedSideOnly(a, side))
      return replayOrRefuse(
        tx,
        a,
        viewer!,
        side,
        "counter",
        "not awaiting this side",
        (e) =>
          e.rateBps === input.rate &&
          e.startsAt?.getTime() === terms.startsAt.getTime() &&
          e.endsAt?.getTime() === terms.endsAt.getTime() &&
          JSON.stringify(e.productIds ? [...e.productIds].sort() : null) === JSON.stringify(productIds),
      );
    await lockPair(tx, a.streamerId, a.coopId);
    await assertNoOpenAgreement(
      tx,
      { streamerId: a.streamerId, coopId: a.coopId, exceptId: a.id },
      terms,
      at,
      "startsOn",
    );
    const row = await moveTo(
      tx,
      a,
      "countered",
      {
        awaiting: otherSide(side),
        rateBps: input.rate,
        startsAt: terms.startsAt,
        endsAt: terms.endsAt,
        allProducts: input.scope === "all",
      },
      at,
    );
    await tx.delete(s.carryingAgreementProducts).where(eq(s.carryingAgreementProducts.agreementId, a.id));
    if (productIds?.length)
      await tx
        .insert(s.carryingAgreementProducts)
        .values(productIds.map((productId) => ({ agreementId: a.id, productId })));
    await recordStep(tx, a, {
      actorId: viewer!.userId,
      side,
      action: "counter",
      rateBps: input.rate,
      startsAt: terms.startsAt,
      endsAt: terms.endsAt,
      productIds,
      note: input.note,
      at,
    });
    return result(row, false);
  });
}

/**
 * Either side ends an active agreement, at once. Past sessions keep what they sold (their orders carry the rate
 * of their sale); `onEnded` (lib/live's releaseUncarried) takes the products out of future bags and releases a
 * live session's pin and open drops of them, in the same transaction.
 */
export async function endAgreement(
  viewer: Viewer | null,
  side: AgreementSide,
  input: AnswerAgreementInput,
  onEnded?: OnAgreementEnded,
): Promise<StepResult> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const a = await agreementForSide(tx, viewer, side, input.agreementId, true);
    const at = now();
    if (a.status !== "active") return replayOrRefuse(tx, a, viewer!, side, "end", "not active");
    const row = await moveTo(tx, a, "ended", { endedAt: at }, at);
    await recordStep(tx, a, { actorId: viewer!.userId, side, action: "end", note: input.note, at });
    await onEnded?.(tx, { agreementId: a.id, streamerId: a.streamerId, coopId: a.coopId, at });
    return result(row, false);
  });
}

async function chosenProducts(tx: Tx, a: AgreementRow): Promise<string[]> {
  const rows = await tx
    .select({ id: s.carryingAgreementProducts.productId })
    .from(s.carryingAgreementProducts)
    .where(eq(s.carryingAgreementProducts.agreementId, a.id));
  return rows.map((r) => r.id).sort();
}
