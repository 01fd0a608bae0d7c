import "server-only";
import { and, eq } from "drizzle-orm";
import { assertWorkspace } from "../auth";
import type { Viewer } from "../auth/contract";
import { now } from "../core/clock";
import { AppError } from "../core/errors";
import { newId } from "../core/ids";
import { getDb, schema as s } from "../db";
import type { ProposeAgreementInput } from "./contract";
import { recordStep } from "./steps";
import { assertNoOpenAgreement, checkTerms, lockPair } from "./terms";

/**
 * A streamer asks a cooperative to carry all or some of its products at a commission rate for a period. One
 * transaction: the pair is locked, a duplicate open agreement refused (CONFLICT), the agreement, its products and
 * the first history event written, the cooperative's members notified. The cooperative's answer is due.
 */
export async function proposeAgreement(viewer: Viewer | null, input: ProposeAgreementInput): Promise<{ id: string }> {
  assertWorkspace(viewer, "streamer");
  const db = await getDb();
  return db.transaction(async (tx) => {
    const at = now();
    const [coop] = await tx
      .select({ id: s.cooperatives.id })
      .from(s.cooperatives)
      .where(and(eq(s.cooperatives.id, input.coopId), eq(s.cooperatives.status, "approved")));
    if (!coop) throw new AppError("VALIDATION", "unknown cooperative", { fields: { coopId: ["invalid"] } });
    const terms = await checkTerms(tx, coop.id, { ...input, rateBps: input.rate }, at);
    await lockPair(tx, viewer.userId, coop.id);
    await assertNoOpenAgreement(tx, { streamerId: viewer.userId, coopId: coop.id }, terms, at, "coopId");
    const id = newId("agr");
    await tx.insert(s.carryingAgreements).values({
      id,
      streamerId: viewer.userId,
      coopId: coop.id,
      status: "proposed",
      awaiting: "coop",
      allProducts: input.scope === "all",
      rateBps: input.rate,
      startsAt: terms.startsAt,
      endsAt: terms.endsAt,
      createdAt: at,
      updatedAt: at,
    });
    if (terms.productIds.length)
      await tx
        .insert(s.carryingAgreementProducts)
        .values(terms.productIds.map((productId) => ({ agreementId: id, productId })));
    await recordStep(
      tx,
      { id, streamerId: viewer.userId, coopId: coop.id },
      {
        actorId: viewer.userId,
        side: "streamer",
        action: "propose",
        rateBps: input.rate,
        startsAt: terms.startsAt,
        endsAt: terms.endsAt,
        productIds: input.scope === "all" ? null : terms.productIds,
        note: input.note,
        at,
      },
    );
    return { id };
  });
}
