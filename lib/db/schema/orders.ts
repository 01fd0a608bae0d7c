import { sql } from "drizzle-orm";
import { bigint, check, date, index, integer, jsonb, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, tstz, updatedAt } from "./columns";
import { users } from "./users";
import { cooperatives, products, variants } from "./catalog";
import { stations } from "./stations";

export const orderStatuses = [
  "awaiting_payment",
  "placed",
  "confirmed",
  "dispatched",
  "ready_for_pickup",
  "out_for_delivery",
  "completed",
  "cancelled",
] as const;
export const lineStatuses = ["placed", "confirmed", "dispatched", "cancelled"] as const;
export const fulfillmentKinds = ["pickup", "delivery"] as const;
export const paymentMethods = ["pay_at_pickup", "cash_on_delivery", "online"] as const;
/** Where an order was made: the shop, a 社区团购 campaign, a 拼团 team, a live room, or a live session's replay. */
export const orderChannels = ["shop", "campaign", "team", "live", "replay"] as const;

/** Where a delivery goes; kept on the order as it was typed. */
export interface DeliveryAddress {
  recipient: string;
  phone: string;
  region: string;
  line: string;
  postalCode?: string;
}

export const orders = pgTable(
  "orders",
  {
    id: text("id").primaryKey(),
    /** Public number shown to people and used in URLs; random so it leaks no volume. */
    number: text("number").notNull(),
    buyerId: text("buyer_id")
      .notNull()
      .references(() => users.id),
    status: text("status", { enum: orderStatuses }).notNull(),
    channel: text("channel", { enum: orderChannels }).notNull().default("shop"),
    fulfillment: text("fulfillment", { enum: fulfillmentKinds }).notNull(),
    stationId: text("station_id").references(() => stations.id),
    deliveryAddress: jsonb("delivery_address").$type<DeliveryAddress>(),
    paymentMethod: text("payment_method").notNull(),
    paymentStatus: text("payment_status").notNull().default("unpaid"),
    subtotalFen: integer("subtotal_fen").notNull(),
    deliveryFeeFen: integer("delivery_fee_fen").notNull().default(0),
    totalFen: integer("total_fen").notNull(),
    /** 6-digit handover code; shown to the buyer only, unique among the open orders of a station. */
    pickupCode: text("pickup_code"),
    /** Wrong codes tried against this order (by any station); at 5 the code is locked until the buyer reissues it. */
    pickupFailures: integer("pickup_failures").notNull().default(0),
    pickupLockedAt: tstz("pickup_locked_at"),
    /** Pickup orders: the day the goods reach the station (station time zone). */
    deliveryDay: date("delivery_day", { mode: "string" }),
    campaignId: text("campaign_id"),
    liveSessionId: text("live_session_id"),
    dropId: text("drop_id"),
    idempotencyKey: text("idempotency_key").notNull(),
    note: text("note"),
    cancelReason: text("cancel_reason"),
    /** An online order keeps its stock until then; unpaid past it, the sweep cancels it. */
    holdExpiresAt: tstz("hold_expires_at"),
    /** Set when a payment does not match the order (amount, currency): a person must look. */
    reviewReason: text("review_reason"),
    placedAt: tstz("placed_at").notNull(),
    confirmedAt: tstz("confirmed_at"),
    dispatchedAt: tstz("dispatched_at"),
    readyAt: tstz("ready_at"),
    completedAt: tstz("completed_at"),
    cancelledAt: tstz("cancelled_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("orders_number_key").on(t.number),
    uniqueIndex("orders_buyer_idempotency_key").on(t.buyerId, t.idempotencyKey),
    uniqueIndex("orders_open_pickup_code_key")
      .on(t.stationId, t.pickupCode)
      .where(sql`${t.pickupCode} is not null and ${t.status} not in ('completed', 'cancelled')`),
    index("orders_buyer_idx").on(t.buyerId, t.placedAt),
    index("orders_station_status_idx").on(t.stationId, t.status),
    index("orders_campaign_idx").on(t.campaignId),
    index("orders_live_idx").on(t.liveSessionId),
    index("orders_ready_idx").on(t.status, t.readyAt),
    index("orders_hold_idx").on(t.status, t.holdExpiresAt),
    // Reports add up a day's orders.
    index("orders_placed_idx").on(t.placedAt),
    check("orders_amounts_nonneg", sql`${t.subtotalFen} >= 0 and ${t.totalFen} >= 0 and ${t.deliveryFeeFen} >= 0`),
    check(
      "orders_fulfillment_target",
      sql`(${t.fulfillment} = 'pickup' and ${t.stationId} is not null) or (${t.fulfillment} = 'delivery' and ${t.deliveryAddress} is not null)`,
    ),
  ],
);

/** A line keeps the name, price and cooperative as they were when ordered. */
export const orderLines = pgTable(
  "order_lines",
  {
    id: text("id").primaryKey(),
    orderId: text("order_id")
      .notNull()
      .references(() => orders.id),
    coopId: text("coop_id")
      .notNull()
      .references(() => cooperatives.id),
    productId: text("product_id")
      .notNull()
      .references(() => products.id),
    variantId: text("variant_id")
      .notNull()
      .references(() => variants.id),
    productNameZh: text("product_name_zh").notNull(),
    productNameEn: text("product_name_en").notNull(),
    variantLabelZh: text("variant_label_zh").notNull(),
    variantLabelEn: text("variant_label_en").notNull(),
    coopNameZh: text("coop_name_zh").notNull(),
    coopNameEn: text("coop_name_en").notNull(),
    unitPriceFen: integer("unit_price_fen").notNull(),
    quantity: integer("quantity").notNull(),
    lineTotalFen: integer("line_total_fen").notNull(),
    status: text("status", { enum: lineStatuses }).notNull().default("placed"),
    /** The cooperative's batch for the order's station and day (pickup orders). */
    batchId: text("batch_id"),
    /** Sold in a streamer's session under a carrying agreement: the streamer and the rate in force at the sale. */
    streamerId: text("streamer_id"),
    agreementId: text("agreement_id"),
    commissionBps: integer("commission_bps"),
    /** The rates in force when the line was sold: the station's 团长 commission (pickup only) and the platform fee. */
    stationCommissionBps: integer("station_commission_bps").notNull().default(0),
    platformFeeBps: integer("platform_fee_bps").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("order_lines_order_idx").on(t.orderId),
    index("order_lines_coop_status_idx").on(t.coopId, t.status),
    index("order_lines_product_idx").on(t.productId),
    index("order_lines_batch_idx").on(t.batchId),
    check("order_lines_quantity_positive", sql`${t.quantity} > 0`),
    check(
      "order_lines_price_nonneg",
      sql`${t.unitPriceFen} >= 0 and ${t.lineTotalFen} = ${t.unitPriceFen} * ${t.quantity}`,
    ),
    check(
      "order_lines_rates_range",
      sql`${t.stationCommissionBps} >= 0 and ${t.platformFeeBps} >= 0 and coalesce(${t.commissionBps}, 0) >= 0 and coalesce(${t.commissionBps}, 0) + ${t.stationCommissionBps} + ${t.platformFeeBps} <= 10000`,
    ),
  ],
);

/** Every status change of an order or its lines: the buyer's timeline and the audit trail. */
export const orderEvents = pgTable(
  "order_events",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    orderId: text("order_id")
      .notNull()
      .references(() => orders.id),
    fromStatus: text("from_status"),
    toStatus: text("to_status").notNull(),
    coopId: text("coop_id"),
    actorId: text("actor_id"),
    note: text("note"),
    at: tstz("at").notNull(),
  },
  (t) => [index("order_events_order_idx").on(t.orderId, t.id)],
);

export const carts = pgTable(
  "carts",
  {
    id: text("id").primaryKey(),
    /** Null for a guest cart, which is found by its id in a cookie. */
    userId: text("user_id").references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("carts_user_key").on(t.userId)],
);

export const cartLines = pgTable(
  "cart_lines",
  {
    cartId: text("cart_id")
      .notNull()
      .references(() => carts.id, { onDelete: "cascade" }),
    variantId: text("variant_id")
      .notNull()
      .references(() => variants.id),
    quantity: integer("quantity").notNull(),
    addedAt: createdAt(),
  },
  (t) => [
    uniqueIndex("cart_lines_cart_variant_key").on(t.cartId, t.variantId),
    check("cart_lines_quantity_positive", sql`${t.quantity} > 0`),
  ],
);
