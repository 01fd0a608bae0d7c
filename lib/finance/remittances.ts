import "server-only";
import { eq } from "drizzle-orm";
import { recordAudit } from "../audit";
import { assertAdmin } from "../auth";
import type { Viewer } from "../auth/contract";
import { now } from "../core/clock";
import { AppError } from "../core/errors";
import { newId } from "../core/ids";
import { getDb, schema as s } from "../db";
import { accounts, balanceOf, postJournal } from "../ledger";
import type { RecordRemittanceInput } from "./contract";
import { netStationCommission } from "./payouts";

/**
 * Admin: a station handed in cash. Its commission is kept out of the cash first (`net:remit:<id>`), then the amount
 * received moves from the station's till to the platform's bank (`remit:<id>`) — never more than the till holds.
 * Under the station's account lock, audited, in one transaction.
 */
export async function recordRemittance(
  viewer: Viewer | null,
  input: RecordRemittanceInput,
): Promise<{ id: string; cashHeldFen: number }> {
  assertAdmin(viewer);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [station] = await tx.select({ id: s.stations.id }).from(s.stations).where(eq(s.stations.id, input.stationId));
    if (!station) throw new AppError("NOT_FOUND", "station not found");
    await tx
      .select({ id: s.ledgerAccounts.id })
      .from(s.ledgerAccounts)
      .where(eq(s.ledgerAccounts.id, accounts.stationCash(station.id)))
      .for("update");
    const id = newId("rem");
    const at = now();
    await netStationCommission(tx, station.id, `remit:${id}`, at);
    const held = await balanceOf(tx, [accounts.stationCash(station.id)]);
    if (input.amount > held)
      throw new AppError("VALIDATION", "more than the station holds", {
        fields: { amount: ["above_cash_held"] },
        params: { held },
      });
    await tx.insert(s.stationRemittances).values({
      id,
      stationId: station.id,
      amountFen: input.amount,
      reference: input.reference,
      recordedBy: viewer.userId,
      createdAt: at,
    });
    await postJournal(tx, {
      key: `remit:${id}`,
      kind: "remittance",
      at,
      actorId: viewer.userId,
      memo: input.reference,
      entries: [
        { accountId: accounts.bank, amountFen: input.amount },
        { accountId: accounts.stationCash(station.id), amountFen: -input.amount },
      ],
    });
    await recordAudit(tx, {
      actorId: viewer.userId,
      action: "finance.remittance",
      entityKind: "station",
      entityId: station.id,
      before: { cashHeldFen: held },
      after: { cashHeldFen: held - input.amount, amountFen: input.amount, reference: input.reference },
    });
    return { id, cashHeldFen: held - input.amount };
  });
}
