import { z } from "zod";
import { parseYuan } from "../core/money";
import { percentToBps } from "../agreements/contract";
import {
  MAX_PLATFORM_FEE_BPS,
  MAX_STATION_COMMISSION_BPS,
  partyKinds,
  type JournalKind,
  type PartyKind,
} from "../ledger/contract";

export { partyKinds, type JournalKind, type PartyKind };

const id = z.string().trim().min(1).max(64);
const noControlChars = (v: string) => !/[\u0000-\u001f\u007f]/.test(v);

/** A percentage as typed ("5", "2.5 %") in exact basis points, 0 – `max`. */
const percent = (max: number) =>
  z
    .union([z.number().transform((n) => String(n)), z.string()])
    .transform((v) =>
      v
        .trim()
        .replace(/[%％]$/, "")
        .trim(),
    )
    .pipe(z.string().regex(/^\d{1,3}(\.\d{1,2})?$/, "invalid_rate"))
    .transform((v) => percentToBps(v))
    .pipe(z.number().int().min(0, "rate_out_of_range").max(max, "rate_out_of_range"));

/** An amount typed in yuan ("131.10") as integer fen, above zero. */
export const yuanAmount = z.union([z.number().transform((n) => String(n)), z.string()]).transform((v, ctx) => {
  const fen = parseYuan(v);
  if (fen === null || fen <= 0 || fen > 1_000_000_000) {
    ctx.addIssue({ code: "custom", message: "invalid_amount" });
    return z.NEVER;
  }
  return fen;
});

const reference = z.string().trim().min(1, "required").max(80, "too_long").refine(noControlChars, "invalid");

export const setStationCommissionInput = z.strictObject({
  stationId: id,
  rate: percent(MAX_STATION_COMMISSION_BPS),
});
export type SetStationCommissionInput = z.output<typeof setStationCommissionInput>;

export const setPlatformFeeInput = z.strictObject({ coopId: id, rate: percent(MAX_PLATFORM_FEE_BPS) });
export type SetPlatformFeeInput = z.output<typeof setPlatformFeeInput>;

/** Admin: pay every party its latest closed statement (never more than its balance). */
export const runPayoutsInput = z.strictObject({});
export type RunPayoutsInput = z.output<typeof runPayoutsInput>;

/** Admin: a manual payout went out from the bank (or could not: cancelled, the money stays owed). */
export const settleManualPayoutInput = z.discriminatedUnion("outcome", [
  z.strictObject({ payoutId: id, outcome: z.literal("paid"), bankReference: reference }),
  z.strictObject({ payoutId: id, outcome: z.literal("cancelled"), bankReference: z.string().max(0).optional() }),
]);
export type SettleManualPayoutInput = z.output<typeof settleManualPayoutInput>;

/** Admin: cash a station handed in (its commission is netted first). */
export const recordRemittanceInput = z.strictObject({ stationId: id, amount: yuanAmount, reference });
export type RecordRemittanceInput = z.output<typeof recordRemittanceInput>;

/** A party asks to be paid through Stripe: its connected account's onboarding. */
export const payoutAccountInput = z.strictObject({ kind: z.enum(partyKinds), id });
export type PayoutAccountInput = z.output<typeof payoutAccountInput>;

/** A statement as CSV: whose, and which period. */
export const statementCsvInput = z.strictObject({
  kind: z.enum([...partyKinds, "platform"]),
  id,
  period: z.enum(["week", "month"]).optional().default("week"),
  day: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "invalid")
    .refine(
      (v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v),
      "invalid",
    )
    .optional(),
});
export type StatementCsvInput = z.output<typeof statementCsvInput>;

/** Back from Stripe's onboarding: whose payout account to look at again. */
export const payoutAccountReturnInput = z.strictObject({ kind: z.enum(partyKinds), id });

/** Which statement a page shows: a week (default) or a month, by any day in it; and a page of its entries. */
export const statementQuery = z.object({
  period: z.enum(["week", "month"]).catch("week"),
  day: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .refine((v) => new Date(`${v}T00:00:00Z`).toISOString().startsWith(v))
    .optional()
    .catch(undefined),
  after: z
    .string()
    .regex(/^\d{1,18}$/)
    .optional()
    .catch(undefined),
});
export type StatementQuery = z.output<typeof statementQuery>;

export interface StatementEntryView {
  id: number;
  at: Date;
  kind: JournalKind;
  /** The station's cash (received, handed back, remitted) as opposed to what it earned. */
  cash: boolean;
  orderNumber: string | null;
  item: { zh: string; en: string } | null;
  /** Positive: the platform owes the party more; negative: less (or the party owes it). */
  amountFen: number;
  balanceFen: number;
}

export interface StatementView {
  party: { kind: PartyKind | "platform"; id: string; nameZh: string; nameEn: string };
  period: { kind: "week" | "month"; firstDay: string; lastDay: string; previousDay: string; nextDay: string | null };
  openingFen: number;
  closingFen: number;
  /** This period's entries (a page of them) in the order they were posted; `nextAfter` continues. */
  entries: StatementEntryView[];
  nextAfter: string | null;
  entryCount: number;
  /** Closed (the period has ended and its figures are fixed) or still running. */
  closed: boolean;
}

export interface PayoutView {
  id: string;
  statementId: string;
  periodFirstDay: string;
  periodLastDay: string;
  amountFen: number;
  method: "stripe" | "manual";
  status: "pending" | "paid" | "failed";
  reference: string | null;
  lastError: string | null;
  createdAt: Date;
  paidAt: Date | null;
  partyKind: PartyKind;
  partyId: string;
  partyNameZh: string;
  partyNameEn: string;
}

export interface ClosedStatementView {
  id: string;
  firstDay: string;
  lastDay: string;
  openingFen: number;
  closingFen: number;
  entryCount: number;
  payout: { amountFen: number; status: PayoutView["status"] } | null;
}

export interface PartyFinanceView {
  statement: StatementView;
  /** Owed to the party now, all periods included. */
  balanceFen: number;
  /** A station's two sides: the cash it holds for the platform and the commission it has earned. */
  station: { cashHeldFen: number; commissionFen: number } | null;
  closedStatements: ClosedStatementView[];
  payouts: PayoutView[];
  payoutAccount: { status: "none" | "creating" | "onboarding" | "enabled"; stripe: boolean };
}

export interface FinanceOverview {
  platformRevenueFen: number;
  /** What the platform owes the parties (positive balances only), by kind. */
  payables: Record<PartyKind, number>;
  clearingFen: number;
  bankFen: number;
  refundsPayableFen: number;
  buyerFundsFen: number;
  inTransitFen: number;
  /** Σ of every account: zero unless the ledger is broken. */
  trialBalanceFen: number;
  stations: {
    id: string;
    nameZh: string;
    nameEn: string;
    commissionBps: number;
    cashHeldFen: number;
    commissionOwedFen: number;
    /** Cash to hand in after keeping the commission (negative: the platform owes the station). */
    toRemitFen: number;
  }[];
  coops: { id: string; nameZh: string; nameEn: string; platformFeeBps: number; owedFen: number }[];
  streamers: { id: string; name: string; owedFen: number }[];
  pendingPayouts: PayoutView[];
  recentPayouts: PayoutView[];
  runs: { id: string; at: Date; payoutCount: number; totalFen: number }[];
  unpaidStatements: number;
  /** The platform's fees of the chosen period, entry by entry. */
  platform: StatementView;
}
