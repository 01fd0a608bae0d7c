import "server-only";
import { eq } from "drizzle-orm";
import { recordAudit } from "../audit";
import { assertAdmin } from "../auth";
import type { Viewer } from "../auth/contract";
import { now } from "../core/clock";
import { AppError } from "../core/errors";
import { getDb, schema as s } from "../db";
import type { SetPlatformFeeInput, SetStationCommissionInput } from "./contract";

/** Admin: a station's 团长 commission for the lines sold from now on (lines already sold keep theirs). Audited. */
export async function setStationCommission(viewer: Viewer | null, input: SetStationCommissionInput) {
  assertAdmin(viewer);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(s.stations).where(eq(s.stations.id, input.stationId)).for("update");
    if (!before) throw new AppError("NOT_FOUND", "station not found");
    await tx
      .update(s.stations)
      .set({ commissionBps: input.rate, updatedAt: now() })
      .where(eq(s.stations.id, before.id));
    await recordAudit(tx, {
      actorId: viewer.userId,
      action: "finance.station_commission",
      entityKind: "station",
      entityId: before.id,
      before: { commissionBps: before.commissionBps },
      after: { commissionBps: input.rate },
    });
    return { commissionBps: input.rate };
  });
}

/** Admin: a cooperative's platform fee for the lines sold from now on. Audited. */
export async function setPlatformFee(viewer: Viewer | null, input: SetPlatformFeeInput) {
  assertAdmin(viewer);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(s.cooperatives).where(eq(s.cooperatives.id, input.coopId)).for("update");
    if (!before) throw new AppError("NOT_FOUND", "cooperative not found");
    await tx.update(s.cooperatives).set({ platformFeeBps: input.rate }).where(eq(s.cooperatives.id, before.id));
    await recordAudit(tx, {
      actorId: viewer.userId,
      action: "finance.platform_fee",
      entityKind: "cooperative",
      entityId: before.id,
      before: { platformFeeBps: before.platformFeeBps },
      after: { platformFeeBps: input.rate },
    });
    return { platformFeeBps: input.rate };
  });
}
