import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { createdAt, tstz, updatedAt } from "./columns";
import { users } from "./users";
import { cooperatives, variants } from "./catalog";
import { stations } from "./stations";

export const batchStatuses = ["open", "locked", "dispatched", "received"] as const;

/**
 * One batch per (cooperative, station, delivery day): what a cooperative bags and sends to a station for
 * one day. It locks at `locks_at` (the station's cutoff the evening before, or later while a group buy
 * delivering that day is still open); after that no order joins it.
 */
export const batches = pgTable(
  "batches",
  {
    id: text("id").primaryKey(),
    coopId: text("coop_id")
      .notNull()
      .references(() => cooperatives.id),
    stationId: text("station_id")
      .notNull()
      .references(() => stations.id),
    deliveryDay: date("delivery_day", { mode: "string" }).notNull(),
    status: text("status", { enum: batchStatuses }).notNull().default("open"),
    locksAt: tstz("locks_at").notNull(),
    lockedAt: tstz("locked_at"),
    dispatchedAt: tstz("dispatched_at"),
    receivedAt: tstz("received_at"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("batches_coop_station_day_key").on(t.coopId, t.stationId, t.deliveryDay),
    index("batches_due_idx").on(t.status, t.locksAt),
    index("batches_station_day_idx").on(t.stationId, t.deliveryDay),
  ],
);

export const campaignStatuses = ["open", "succeeded", "failed", "cancelled"] as const;

/** 社区团购: a cooperative sells one variant at a campaign price in a window, for pickup on one day. */
export const campaigns = pgTable(
  "campaigns",
  {
    id: text("id").primaryKey(),
    coopId: text("coop_id")
      .notNull()
      .references(() => cooperatives.id),
    variantId: text("variant_id")
      .notNull()
      .references(() => variants.id),
    titleZh: text("title_zh").notNull(),
    titleEn: text("title_en").notNull(),
    priceFen: integer("price_fen").notNull(),
    stockCap: integer("stock_cap").notNull(),
    /** Units ordered so far; only ever changed by a conditional UPDATE (sold + n <= cap). */
    sold: integer("sold").notNull().default(0),
    minTotalQuantity: integer("min_total_quantity"),
    opensAt: tstz("opens_at").notNull(),
    closesAt: tstz("closes_at").notNull(),
    pickupDay: date("pickup_day", { mode: "string" }).notNull(),
    /** true: every active station; false: the stations listed in campaign_stations. */
    allStations: boolean("all_stations").notNull().default(true),
    status: text("status", { enum: campaignStatuses }).notNull().default("open"),
    settledAt: tstz("settled_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("campaigns_status_closes_idx").on(t.status, t.closesAt),
    index("campaigns_coop_idx").on(t.coopId),
    check("campaigns_price_positive", sql`${t.priceFen} > 0`),
    check("campaigns_cap_positive", sql`${t.stockCap} > 0`),
    check("campaigns_sold_within_cap", sql`${t.sold} >= 0 and ${t.sold} <= ${t.stockCap}`),
    check("campaigns_window", sql`${t.closesAt} > ${t.opensAt}`),
  ],
);

export const campaignStations = pgTable(
  "campaign_stations",
  {
    campaignId: text("campaign_id")
      .notNull()
      .references(() => campaigns.id, { onDelete: "cascade" }),
    stationId: text("station_id")
      .notNull()
      .references(() => stations.id),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.stationId] })],
);

/** In-app notifications (and their e-mail, when SMTP is configured). Text comes from the catalogs. */
export const notifications = pgTable(
  "notifications",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    params: jsonb("params").$type<Record<string, string | number>>().notNull().default({}),
    link: text("link"),
    /** Makes a notification happen once per fact (e.g. "ready:<order>"), whoever repeats the work. */
    dedupeKey: text("dedupe_key").notNull(),
    readAt: tstz("read_at"),
    emailStatus: text("email_status", { enum: ["none", "pending", "sent", "failed"] })
      .notNull()
      .default("none"),
    emailAttempts: integer("email_attempts").notNull().default(0),
    /** An e-mail being sent: nobody else sends it before then; past it (a crash mid-send), it is sent again. */
    emailClaimedUntil: tstz("email_claimed_until"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("notifications_dedupe_key").on(t.dedupeKey),
    index("notifications_user_idx").on(t.userId, t.id),
    index("notifications_email_idx").on(t.emailStatus),
  ],
);

/** Every pickup-code attempt at a station: for the rate limit and the audit. */
export const pickupAttempts = pgTable(
  "pickup_attempts",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    stationId: text("station_id")
      .notNull()
      .references(() => stations.id),
    actorId: text("actor_id").references(() => users.id),
    outcome: text("outcome", { enum: ["completed", "wrong", "not_ready", "rate_limited", "locked"] }).notNull(),
    orderId: text("order_id"),
    at: tstz("at").notNull(),
  },
  (t) => [index("pickup_attempts_station_idx").on(t.stationId, t.at)],
);

/**
 * Money to give back for a cancelled paid order. Written in the cancelling transaction (once per order and
 * reason); the payments module carries it out.
 */
export const refunds = pgTable(
  "refunds",
  {
    id: text("id").primaryKey(),
    orderId: text("order_id").notNull(),
    /** A refund after handover names the line it gives back (售后); one before it (a cancellation) names none. */
    orderLineId: text("order_line_id"),
    amountFen: integer("amount_fen").notNull(),
    reason: text("reason").notNull(),
    /** provider: back through Stripe; cash: handed back in cash (at the order's station, or by the delivering cooperative). */
    method: text("method", { enum: ["provider", "cash"] })
      .notNull()
      .default("provider"),
    /** A cash refund handed back at this station (null: the cooperative that delivered it pays it back). */
    stationId: text("station_id"),
    requestedBy: text("requested_by"),
    paidBy: text("paid_by"),
    idempotencyKey: text("idempotency_key").notNull(),
    status: text("status", { enum: ["requested", "pending", "succeeded", "failed"] })
      .notNull()
      .default("requested"),
    providerRefundId: text("provider_refund_id"),
    /** A requested refund being sent to Stripe: nobody else sends it before then; past it, the sweep sends it again (same key). */
    claimedUntil: tstz("claimed_until"),
    /** How many times it was sent to Stripe. */
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("refunds_idempotency_key").on(t.idempotencyKey),
    // A refund made outside the app (the Stripe dashboard) is recorded once, by Stripe's id.
    uniqueIndex("refunds_provider_refund_key").on(t.providerRefundId),
    index("refunds_status_idx").on(t.status),
    index("refunds_order_idx").on(t.orderId),
    index("refunds_line_idx").on(t.orderLineId),
    index("refunds_cash_due_idx")
      .on(t.stationId)
      .where(sql`${t.method} = 'cash' and ${t.status} = 'requested'`),
    check("refunds_amount_positive", sql`${t.amountFen} > 0`),
  ],
);
