import { sql } from "drizzle-orm";
import { bigint, check, index, integer, pgTable, primaryKey, text, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, tstz, updatedAt } from "./columns";
import { users } from "./users";

/**
 * The chart of accounts. Party accounts (what the platform owes a cooperative, a streamer, a station's 团长)
 * and the cash a station holds are one per party; the rest exist once.
 */
export const ledgerAccountKinds = [
  "coop",
  "streamer",
  "station",
  "station_cash",
  "platform_revenue",
  "clearing",
  "platform_bank",
  "buyer_funds",
  "refunds_payable",
  "payouts_in_transit",
] as const;

export const ledgerAccounts = pgTable(
  "ledger_accounts",
  {
    /** Deterministic: `coop:<id>`, `station_cash:<id>`, `clearing` … (lib/ledger/accounts.ts). */
    id: text("id").primaryKey(),
    kind: text("kind", { enum: ledgerAccountKinds }).notNull(),
    partyId: text("party_id"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("ledger_accounts_kind_party_key").on(t.kind, t.partyId)],
);

/**
 * One business event's postings. `key` is its natural key (`order_line:<id>:earned`, `refund:<id>`…): posting the
 * same event twice finds the key taken and posts nothing. Rows are immutable (triggers in migration 0013), and a
 * deferred constraint trigger refuses a commit that leaves a journal unbalanced or with fewer than two entries.
 */
export const ledgerJournals = pgTable(
  "ledger_journals",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    key: text("key").notNull(),
    kind: text("kind").notNull(),
    orderId: text("order_id"),
    memo: text("memo"),
    actorId: text("actor_id").references(() => users.id),
    postedAt: tstz("posted_at").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("ledger_journals_key").on(t.key),
    index("ledger_journals_order_idx").on(t.orderId),
    index("ledger_journals_posted_idx").on(t.postedAt),
  ],
);

/** Integer fen, signed: a debit is positive, a credit negative; every journal's entries sum to zero. */
export const ledgerEntries = pgTable(
  "ledger_entries",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    journalId: bigint("journal_id", { mode: "number" })
      .notNull()
      .references(() => ledgerJournals.id),
    accountId: text("account_id")
      .notNull()
      .references(() => ledgerAccounts.id),
    amountFen: bigint("amount_fen", { mode: "number" }).notNull(),
    orderId: text("order_id"),
    orderLineId: text("order_line_id"),
    /** The journal's posting time, copied so a statement reads one index. */
    postedAt: tstz("posted_at").notNull(),
  },
  (t) => [
    // A party's statement and balance read this index alone (the amount is in it: an index-only scan).
    index("ledger_entries_account_idx").on(t.accountId, t.postedAt, t.id, t.amountFen),
    index("ledger_entries_journal_idx").on(t.journalId),
    index("ledger_entries_order_idx").on(t.orderId),
    index("ledger_entries_line_idx").on(t.orderLineId),
    check("ledger_entries_amount_nonzero", sql`${t.amountFen} <> 0`),
  ],
);

export const ledgerPartyKinds = ["coop", "streamer", "station"] as const;

/**
 * A party's closed statement for one period (an Asia/Shanghai week): what the platform owed it at the start and
 * at the end (positive: owed to the party; a station's figures net the cash it holds against its commission).
 */
export const ledgerStatements = pgTable(
  "ledger_statements",
  {
    id: text("id").primaryKey(),
    partyKind: text("party_kind", { enum: ledgerPartyKinds }).notNull(),
    partyId: text("party_id").notNull(),
    periodStart: tstz("period_start").notNull(),
    periodEnd: tstz("period_end").notNull(),
    openingFen: bigint("opening_fen", { mode: "number" }).notNull(),
    closingFen: bigint("closing_fen", { mode: "number" }).notNull(),
    entryCount: integer("entry_count").notNull(),
    /** Set when a payout run looked at it: paid (a payout row), or carried (nothing to pay; the balance moves on). */
    settledAt: tstz("settled_at"),
    closedAt: tstz("closed_at").notNull(),
  },
  (t) => [
    uniqueIndex("ledger_statements_party_period_key").on(t.partyKind, t.partyId, t.periodStart),
    index("ledger_statements_open_idx")
      .on(t.periodEnd)
      .where(sql`${t.settledAt} is null`),
  ],
);

export const payoutRuns = pgTable("payout_runs", {
  id: text("id").primaryKey(),
  startedBy: text("started_by").references(() => users.id),
  payoutCount: integer("payout_count").notNull().default(0),
  totalFen: bigint("total_fen", { mode: "number" }).notNull().default(0),
  createdAt: createdAt(),
});

export const payoutStatuses = ["pending", "paid", "failed"] as const;

/**
 * Money sent to a party for one statement: at most one per statement, never more than the party's balance when it
 * was made. Stripe transfers carry the key `payout:<statement>`; manual ones are marked paid with a bank reference.
 */
export const payouts = pgTable(
  "payouts",
  {
    id: text("id").primaryKey(),
    runId: text("run_id")
      .notNull()
      .references(() => payoutRuns.id),
    statementId: text("statement_id")
      .notNull()
      .references(() => ledgerStatements.id),
    partyKind: text("party_kind", { enum: ledgerPartyKinds }).notNull(),
    partyId: text("party_id").notNull(),
    amountFen: bigint("amount_fen", { mode: "number" }).notNull(),
    method: text("method", { enum: ["stripe", "manual"] }).notNull(),
    status: text("status", { enum: payoutStatuses }).notNull().default("pending"),
    stripeAccountId: text("stripe_account_id"),
    transferId: text("transfer_id"),
    bankReference: text("bank_reference"),
    claimedUntil: tstz("claimed_until"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    paidAt: tstz("paid_at"),
    paidBy: text("paid_by").references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("payouts_statement_key").on(t.statementId),
    index("payouts_party_idx").on(t.partyKind, t.partyId),
    index("payouts_status_idx").on(t.status),
    check("payouts_amount_positive", sql`${t.amountFen} > 0`),
  ],
);

/** A party's Stripe Connect account, made when it first asks to be paid through Stripe. */
export const payoutAccounts = pgTable(
  "payout_accounts",
  {
    partyKind: text("party_kind", { enum: ledgerPartyKinds }).notNull(),
    partyId: text("party_id").notNull(),
    stripeAccountId: text("stripe_account_id"),
    status: text("status", { enum: ["creating", "onboarding", "enabled"] })
      .notNull()
      .default("creating"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.partyKind, t.partyId] }),
    uniqueIndex("payout_accounts_stripe_key").on(t.stripeAccountId),
  ],
);

/** Cash a station handed to the platform (its takings less the commission it kept), with the bank reference. */
export const stationRemittances = pgTable(
  "station_remittances",
  {
    id: text("id").primaryKey(),
    stationId: text("station_id").notNull(),
    amountFen: bigint("amount_fen", { mode: "number" }).notNull(),
    reference: text("reference").notNull(),
    recordedBy: text("recorded_by").references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index("station_remittances_station_idx").on(t.stationId),
    check("station_remittances_amount_positive", sql`${t.amountFen} > 0`),
  ],
);
