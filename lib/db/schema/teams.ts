import { sql } from "drizzle-orm";
import { boolean, check, index, integer, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, tstz, updatedAt } from "./columns";
import { users } from "./users";
import { cooperatives, variants } from "./catalog";
import { stations } from "./stations";
import { orders } from "./orders";

export const teamDealStatuses = ["active", "ended"] as const;
export const teamStatuses = ["forming", "completed", "failed"] as const;
export const teamMemberStatuses = ["pending_payment", "joined", "dropped"] as const;
export const teamPayMethods = ["pay_at_pickup", "card", "wallet"] as const;
/** What settlement still has to do for a member with the payment provider (null: nothing). */
export const teamSettleActions = ["capture", "release"] as const;
export const teamSettleOutcomes = ["captured", "released", "refunded", "nothing", "capture_failed"] as const;

/**
 * A cooperative's 拼团 offer on one variant: a team of `teamSize` buyers gets `teamPriceFen` if it fills
 * within `formingMinutes` of being opened. `committed` counts the units held by live members against
 * `stockCap` (a conditional UPDATE keeps it ≤ the cap).
 */
export const teamDeals = pgTable(
  "team_deals",
  {
    id: text("id").primaryKey(),
    coopId: text("coop_id")
      .notNull()
      .references(() => cooperatives.id),
    variantId: text("variant_id")
      .notNull()
      .references(() => variants.id),
    teamPriceFen: integer("team_price_fen").notNull(),
    teamSize: integer("team_size").notNull(),
    formingMinutes: integer("forming_minutes").notNull(),
    stockCap: integer("stock_cap").notNull(),
    committed: integer("committed").notNull().default(0),
    sameStationOnly: boolean("same_station_only").notNull().default(false),
    /** How many forming teams one buyer may have opened on this deal at once. */
    maxOpenTeamsPerBuyer: integer("max_open_teams_per_buyer").notNull().default(1),
    activeFrom: tstz("active_from").notNull(),
    activeTo: tstz("active_to").notNull(),
    status: text("status", { enum: teamDealStatuses }).notNull().default("active"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("team_deals_variant_idx").on(t.variantId, t.status),
    index("team_deals_coop_idx").on(t.coopId),
    check("team_deals_size", sql`${t.teamSize} between 2 and 50`),
    check("team_deals_price_positive", sql`${t.teamPriceFen} > 0`),
    check("team_deals_forming", sql`${t.formingMinutes} between 1 and 4320`),
    check("team_deals_committed", sql`${t.committed} >= 0 and ${t.committed} <= ${t.stockCap}`),
    check("team_deals_window", sql`${t.activeTo} > ${t.activeFrom}`),
  ],
);

/**
 * One team of a deal. `seats` counts the members holding a place (paid, authorised, pay-at-pickup, or still
 * paying); it never exceeds `size`. A station-scoped team takes only members picking up at `stationId`.
 */
export const teams = pgTable(
  "teams",
  {
    id: text("id").primaryKey(),
    dealId: text("deal_id")
      .notNull()
      .references(() => teamDeals.id),
    leaderId: text("leader_id")
      .notNull()
      .references(() => users.id),
    stationId: text("station_id").references(() => stations.id),
    size: integer("size").notNull(),
    seats: integer("seats").notNull().default(0),
    status: text("status", { enum: teamStatuses }).notNull().default("forming"),
    expiresAt: tstz("expires_at").notNull(),
    completedAt: tstz("completed_at"),
    failedAt: tstz("failed_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("teams_deal_status_idx").on(t.dealId, t.status),
    index("teams_due_idx").on(t.status, t.expiresAt),
    index("teams_leader_idx").on(t.leaderId, t.dealId),
    check("teams_seats", sql`${t.seats} >= 0 and ${t.seats} <= ${t.size}`),
  ],
);

/** A buyer in a team, with their order and what settling their payment still needs. */
export const teamMembers = pgTable(
  "team_members",
  {
    id: text("id").primaryKey(),
    teamId: text("team_id")
      .notNull()
      .references(() => teams.id),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    orderId: text("order_id")
      .notNull()
      .references(() => orders.id),
    quantity: integer("quantity").notNull(),
    payMethod: text("pay_method", { enum: teamPayMethods }).notNull(),
    status: text("status", { enum: teamMemberStatuses }).notNull(),
    settleAction: text("settle_action", { enum: teamSettleActions }),
    settleOutcome: text("settle_outcome", { enum: teamSettleOutcomes }),
    settleAttempts: integer("settle_attempts").notNull().default(0),
    /** Settlement is talking to Stripe for this member until then; past it (a crash, a hang), it is claimed again. */
    settleClaimedUntil: tstz("settle_claimed_until"),
    settleError: text("settle_error"),
    joinedAt: tstz("joined_at").notNull(),
    settledAt: tstz("settled_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("team_members_team_user_key").on(t.teamId, t.userId),
    uniqueIndex("team_members_order_key").on(t.orderId),
    index("team_members_settle_idx").on(t.settleAction),
    check("team_members_quantity", sql`${t.quantity} > 0`),
  ],
);
