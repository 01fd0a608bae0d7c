import "server-only";
import { pruneRateLimits } from "../auth";
import { now } from "../core/clock";
import { getDb } from "../db";
import { sendPendingEmails } from "../events";
import { closeDueStatements, sendStripePayouts } from "../finance";
import { expireTeams, settleClosedCampaigns, settleTeamPayments, syncPendingTeamMembers } from "../group-buys";
import { closeExpiredDrops, endAbandonedSessions, remindUpcomingSessions } from "../live";
import {
  expireLeftoverSessions,
  expirePaymentHolds,
  expireUncollected,
  lockDueBatches,
  reconcileCheckoutSessions,
} from "../orders";
import { catchUpLedger } from "../ledger";
import { refreshReportRollups } from "../reports";
import { onlinePaymentsEnabled, processRefunds } from "../payments";

const RECONCILE_EVERY_MS = 5 * 60_000;
let lastReconcile = 0;

export type SweepReport = Record<string, unknown>;

/**
 * The periodic work of every area, in order: lock batches at cutoff, settle closed group buys, fail 拼团 teams
 * past their deadline, expire
 * uncollected orders, send e-mail, prune rate-limit windows. Each step is its own transaction and takes its
 * rows with FOR UPDATE SKIP LOCKED, so running it twice — or on several instances at once — changes each
 * thing once. A failing step is logged and does not stop the others.
 */
export async function runSweep(at: Date = now()): Promise<SweepReport> {
  const db = await getDb();
  const steps: [string, () => Promise<unknown>][] = [
    ["batchesLocked", () => db.transaction((tx) => lockDueBatches(tx, at))],
    ["campaigns", () => db.transaction((tx) => settleClosedCampaigns(tx, at))],
    ["teamsExpired", () => db.transaction((tx) => expireTeams(tx, at))],
    ["ordersExpired", () => db.transaction((tx) => expireUncollected(tx, at))],
    ["dropsClosed", () => db.transaction((tx) => closeExpiredDrops(tx, at))],
    ["liveSessionsEnded", () => db.transaction((tx) => endAbandonedSessions(tx, at))],
    ["liveRemindersSent", () => db.transaction((tx) => remindUpcomingSessions(tx, at))],
    ["emailsSent", () => sendPendingEmails()],
    ...(onlinePaymentsEnabled() ? paymentSteps(at) : []),
    // After the payment steps, so refunds and captures they recorded are in the books before a week closes.
    ["ledgerCaughtUp", () => catchUpLedger(db, at)],
    ["statementsClosed", () => closeDueStatements(db, at)],
    ["reportsRefreshed", () => refreshReportRollups(db)],
    ["rateLimitsPruned", () => pruneRateLimits()],
  ];
  const report: SweepReport = {};
  for (const [name, step] of steps) {
    try {
      report[name] = await step();
    } catch (err) {
      console.error(`[sweep] ${name} failed:`, err);
      report[name] = { error: (err as Error).message };
    }
  }
  return report;
}

/** Online payments: holds that ran out, refunds to carry out, and (every few minutes) lost webhooks. */
function paymentSteps(at: Date): [string, () => Promise<unknown>][] {
  const steps: [string, () => Promise<unknown>][] = [
    ["paymentHoldsExpired", () => expirePaymentHolds(at)],
    // Sessions left open on cancelled orders (Stripe was down at the hold) are expired now; a payment on one is refunded.
    ["paymentSessionsEnded", () => expireLeftoverSessions()],
    // 拼团: members whose payment came or lapsed join or leave their team; then captures, releases, refunds.
    ["teamMembersSynced", () => syncPendingTeamMembers()],
    ["teamSettlements", () => settleTeamPayments()],
    ["refundsProcessed", () => processRefunds()],
    ["payoutsSent", () => sendStripePayouts()],
  ];
  if (Date.now() - lastReconcile > RECONCILE_EVERY_MS) {
    lastReconcile = Date.now();
    steps.push(["paymentsReconciled", () => reconcileCheckoutSessions(new Date(at.getTime() - 86_400_000))]);
  }
  return steps;
}
