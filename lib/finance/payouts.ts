import "server-only";
import { and, asc, eq, inArray, isNull, lte, or, sql } from "drizzle-orm";
import { recordAudit } from "../audit";
import { assertAdmin } from "../auth";
import type { Viewer } from "../auth/contract";
import { now } from "../core/clock";
import { AppError, isAppError } from "../core/errors";
import { newId } from "../core/ids";
import { formatFen } from "../core/money";
import { defineMachine } from "../core/state-machine";
import { getDb, schema as s, type Db, type Tx } from "../db";
import { notify } from "../events";
import { accounts, balanceOf, partyAccount, postJournal } from "../ledger";
import type { Party, PartyKind } from "../ledger/contract";
import { createTransfer, onlinePaymentsEnabled } from "../payments";
import type { SettleManualPayoutInput } from "./contract";
import { partyMembers } from "./members";
import { closeDueStatements, owedNow } from "./statements";

export const payoutMachine = defineMachine<"pending" | "paid" | "failed">("payout", {
  pending: ["paid", "failed"],
  paid: [],
  failed: [],
});

/** How long a claimed Stripe transfer is left to the run that claimed it before the sweep sends it again. */
export const PAYOUT_LEASE_MS = 5 * 60_000;

/**
 * Takes the cash a station holds as its commission, as far as both go (`net:<key>`): the station keeps what it
 * earned out of the till, and what is left is the cash it hands in.
 */
export async function netStationCommission(tx: Tx, stationId: string, key: string, at: Date): Promise<number> {
  const commission = 0 - (await balanceOf(tx, [accounts.station(stationId)]));
  const cash = await balanceOf(tx, [accounts.stationCash(stationId)]);
  const net = Math.min(commission, cash);
  if (net <= 0) return 0;
  await postJournal(tx, {
    key: `net:${key}`,
    kind: "netting",
    at,
    memo: "commission kept from the cash held",
    entries: [
      { accountId: accounts.station(stationId), amountFen: net },
      { accountId: accounts.stationCash(stationId), amountFen: -net },
    ],
  });
  return net;
}

/** Locks a party's accounts for the rest of the transaction: payouts and remittances of one party never interleave. */
async function lockParty(tx: Tx, party: Party): Promise<void> {
  const ids =
    party.kind === "station"
      ? [accounts.station(party.id), accounts.stationCash(party.id)]
      : [partyAccount(party.kind, party.id)];
  await tx
    .select({ id: s.ledgerAccounts.id })
    .from(s.ledgerAccounts)
    .where(inArray(s.ledgerAccounts.id, ids))
    .for("update");
}

/**
 * Admin: a payout run. Weeks that have ended are closed first; then each party's latest closed statement not yet
 * settled is paid — `min(its closing balance, what the party is owed now)`, never more than the balance — as one
 * payout under `payout:<statement>` (a station first keeps its commission out of the cash it holds). Older unsettled
 * statements are carried into it. The payouts and their journals commit together; Stripe transfers are sent after
 * commit (claim, call with the key, record). A second run, even at the same moment, finds nothing left to pay.
 */
export async function runPayouts(viewer: Viewer | null): Promise<{ runId: string; payouts: number; totalFen: number }> {
  assertAdmin(viewer);
  const db = await getDb();
  const at = now();
  await closeDueStatements(db, at);
  const stripe = onlinePaymentsEnabled();
  const result = await db.transaction(async (tx) => {
    const due = await tx
      .select()
      .from(s.ledgerStatements)
      .where(isNull(s.ledgerStatements.settledAt))
      .orderBy(asc(s.ledgerStatements.partyKind), asc(s.ledgerStatements.partyId), asc(s.ledgerStatements.periodStart))
      .for("update", { skipLocked: true });
    const byParty = new Map<string, typeof due>();
    for (const st of due) {
      const k = `${st.partyKind}:${st.partyId}`;
      byParty.set(k, [...(byParty.get(k) ?? []), st]);
    }
    const runId = newId("prun");
    await tx.insert(s.payoutRuns).values({ id: runId, startedBy: viewer.userId, createdAt: at });
    let count = 0;
    let total = 0;
    for (const statements of byParty.values()) {
      const latest = statements.at(-1)!;
      const party: Party = { kind: latest.partyKind as PartyKind, id: latest.partyId };
      await lockParty(tx, party);
      if (party.kind === "station") await netStationCommission(tx, party.id, latest.id, at);
      const amount = Math.min(Number(latest.closingFen), await owedNow(tx, party));
      await tx
        .update(s.ledgerStatements)
        .set({ settledAt: at })
        .where(
          inArray(
            s.ledgerStatements.id,
            statements.map((x) => x.id),
          ),
        );
      if (amount <= 0) continue;
      const [account] = stripe
        ? await tx
            .select()
            .from(s.payoutAccounts)
            .where(
              and(
                eq(s.payoutAccounts.partyKind, party.kind),
                eq(s.payoutAccounts.partyId, party.id),
                eq(s.payoutAccounts.status, "enabled"),
              ),
            )
        : [];
      await tx.insert(s.payouts).values({
        id: newId("pay"),
        runId,
        statementId: latest.id,
        partyKind: party.kind,
        partyId: party.id,
        amountFen: amount,
        method: account?.stripeAccountId ? "stripe" : "manual",
        stripeAccountId: account?.stripeAccountId ?? null,
        createdAt: at,
        updatedAt: at,
      });
      await postJournal(tx, {
        key: `payout:${latest.id}`,
        kind: "payout",
        at,
        actorId: viewer.userId,
        entries: [
          { accountId: partyAccount(party.kind, party.id), amountFen: amount },
          { accountId: accounts.payoutsInTransit, amountFen: -amount },
        ],
      });
      count++;
      total += amount;
    }
    await tx.update(s.payoutRuns).set({ payoutCount: count, totalFen: total }).where(eq(s.payoutRuns.id, runId));
    await recordAudit(tx, {
      actorId: viewer.userId,
      action: "finance.payout_run",
      entityKind: "payout_run",
      entityId: runId,
      before: null,
      after: { payouts: count, totalFen: total },
    });
    return { runId, payouts: count, totalFen: total };
  });
  // After commit: Stripe transfers, each claimed with a lease and sent with its statement's key.
  if (stripe) await sendStripePayouts().catch((err: unknown) => console.warn("[payouts]", (err as Error).message));
  return result;
}

interface ClaimedPayout {
  id: string;
  statementId: string;
  amountFen: number;
  destination: string;
  partyKind: string;
  partyId: string;
}

/**
 * Sends the pending Stripe payouts: claimed (a lease) in a short transaction, each transfer sent with no transaction
 * open under `payout:<statement>` — so a repeat after a crash or a lost answer is the same transfer — and its
 * outcome recorded in a new one: paid (the money leaves the platform's Stripe balance) or refused (the amount goes
 * back to the party's balance, to be paid with its next statement). An outage keeps the claim for the next run.
 */
export async function sendStripePayouts(limit = 20): Promise<number> {
  const db = await getDb();
  const claimed = await claimPayouts(db, limit);
  for (const p of claimed) {
    let transfer: { id: string } | null = null;
    let refusal: string | null = null;
    try {
      transfer = await createTransfer({
        amountFen: p.amountFen,
        destination: p.destination,
        key: `payout:${p.statementId}`,
        metadata: { payout_id: p.id, statement_id: p.statementId, party: `${p.partyKind}:${p.partyId}` },
      });
    } catch (err) {
      const outage = isAppError(err) && err.code === "PAYMENT_PROVIDER";
      if (outage) {
        await db
          .update(s.payouts)
          .set({ lastError: (err as Error).message.slice(0, 300), updatedAt: new Date() })
          .where(eq(s.payouts.id, p.id));
        console.warn("[payouts] Stripe unavailable, will retry:", (err as Error).message);
        break;
      }
      refusal = (err as Error).message.slice(0, 300);
    }
    await db.transaction((tx) => recordTransfer(tx, p, transfer, refusal));
  }
  return claimed.length;
}

async function claimPayouts(db: Db, limit: number): Promise<ClaimedPayout[]> {
  return db.transaction(async (tx) => {
    const at = now();
    const due = await tx
      .select()
      .from(s.payouts)
      .where(
        and(
          eq(s.payouts.status, "pending"),
          eq(s.payouts.method, "stripe"),
          or(isNull(s.payouts.claimedUntil), lte(s.payouts.claimedUntil, at)),
        ),
      )
      .orderBy(asc(s.payouts.createdAt))
      .limit(limit)
      .for("update", { skipLocked: true });
    if (!due.length) return [];
    await tx
      .update(s.payouts)
      .set({ claimedUntil: new Date(at.getTime() + PAYOUT_LEASE_MS), attempts: sql`${s.payouts.attempts} + 1` })
      .where(
        inArray(
          s.payouts.id,
          due.map((p) => p.id),
        ),
      );
    return due.map((p) => ({
      id: p.id,
      statementId: p.statementId,
      amountFen: Number(p.amountFen),
      destination: p.stripeAccountId!,
      partyKind: p.partyKind,
      partyId: p.partyId,
    }));
  });
}

async function recordTransfer(tx: Tx, p: ClaimedPayout, transfer: { id: string } | null, refusal: string | null) {
  const at = now();
  const [row] = await tx.select().from(s.payouts).where(eq(s.payouts.id, p.id)).for("update");
  if (!row || row.status !== "pending") return;
  const party: Party = { kind: row.partyKind as PartyKind, id: row.partyId };
  if (transfer) {
    payoutMachine.assert(row.status, "paid");
    await tx
      .update(s.payouts)
      .set({ status: "paid", transferId: transfer.id, paidAt: at, claimedUntil: null, lastError: null, updatedAt: at })
      .where(eq(s.payouts.id, p.id));
    await postPayoutPaid(tx, row, accounts.clearing, at, null);
    await tellParty(tx, party, row.id, Number(row.amountFen));
    return;
  }
  payoutMachine.assert(row.status, "failed");
  await tx
    .update(s.payouts)
    .set({ status: "failed", lastError: refusal, claimedUntil: null, updatedAt: at })
    .where(eq(s.payouts.id, p.id));
  await postPayoutReturned(tx, row, at, null);
}

const postPayoutPaid = (tx: Tx, row: typeof s.payouts.$inferSelect, from: string, at: Date, actorId: string | null) =>
  postJournal(tx, {
    key: `payout:${row.statementId}:paid`,
    kind: "payout_paid",
    at,
    actorId,
    memo: row.transferId ?? row.bankReference,
    entries: [
      { accountId: accounts.payoutsInTransit, amountFen: Number(row.amountFen) },
      { accountId: from, amountFen: -Number(row.amountFen) },
    ],
  });

/** A payout that did not go out: its amount is owed to the party again. */
const postPayoutReturned = (tx: Tx, row: typeof s.payouts.$inferSelect, at: Date, actorId: string | null) =>
  postJournal(tx, {
    key: `payout:${row.statementId}:failed`,
    kind: "payout_failed",
    at,
    actorId,
    entries: [
      { accountId: accounts.payoutsInTransit, amountFen: Number(row.amountFen) },
      { accountId: partyAccount(row.partyKind as PartyKind, row.partyId), amountFen: -Number(row.amountFen) },
    ],
  });

async function tellParty(tx: Tx, party: Party, payoutId: string, amountFen: number) {
  const link =
    party.kind === "coop" ? "/coop/finance" : party.kind === "streamer" ? "/streamer/earnings" : "/station/earnings";
  for (const userId of await partyMembers(tx, party))
    await notify(tx, {
      userId,
      kind: "payout_sent",
      params: { amount: formatFen(amountFen) },
      link,
      dedupeKey: `payout:${payoutId}:${userId}`,
    });
}

/**
 * Admin: a manual payout was paid from the bank (with its reference) or could not be (cancelled: the amount is owed
 * to the party again). One explicit transition each, audited; a second answer is refused.
 */
export async function settleManualPayout(
  viewer: Viewer | null,
  input: SettleManualPayoutInput,
): Promise<{ status: "paid" | "failed" }> {
  assertAdmin(viewer);
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [row] = await tx.select().from(s.payouts).where(eq(s.payouts.id, input.payoutId)).for("update");
    if (!row) throw new AppError("NOT_FOUND", "payout not found");
    if (row.method !== "manual") throw new AppError("INVALID_STATE", "a Stripe payout settles itself");
    const to = input.outcome === "paid" ? "paid" : "failed";
    payoutMachine.assert(row.status, to);
    const at = now();
    await tx
      .update(s.payouts)
      .set({
        status: to,
        bankReference: input.outcome === "paid" ? input.bankReference : null,
        paidAt: to === "paid" ? at : null,
        paidBy: viewer.userId,
        updatedAt: at,
      })
      .where(and(eq(s.payouts.id, row.id), eq(s.payouts.status, "pending")));
    const party: Party = { kind: row.partyKind as PartyKind, id: row.partyId };
    if (to === "paid") {
      await postPayoutPaid(
        tx,
        { ...row, bankReference: input.bankReference ?? null },
        accounts.bank,
        at,
        viewer.userId,
      );
      await tellParty(tx, party, row.id, Number(row.amountFen));
    } else await postPayoutReturned(tx, row, at, viewer.userId);
    await recordAudit(tx, {
      actorId: viewer.userId,
      action: to === "paid" ? "finance.payout_paid" : "finance.payout_cancelled",
      entityKind: "payout",
      entityId: row.id,
      before: { status: row.status },
      after: { status: to, amountFen: Number(row.amountFen), bankReference: input.bankReference ?? null },
    });
    return { status: to };
  });
}
