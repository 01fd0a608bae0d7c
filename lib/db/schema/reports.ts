import { bigint, date, index, integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";

/**
 * Report rollups: sums of the order book per Asia/Shanghai day, rebuilt by the sweep for the (cooperative, day) pairs
 * whose lines, orders or refunds changed (lib/reports/rollups.ts). They are a cache of the order lines: a report
 * reads them for the days that did not change since the last rebuild and adds up the lines themselves for the rest.
 * Sales count by the day an order was placed, once paid (an unpaid online order is not a sale yet), without its
 * cancelled lines; refunds by the day they were asked for.
 */
export const reportCoopDaily = pgTable(
  "report_coop_daily",
  {
    coopId: text("coop_id").notNull(),
    day: date("day", { mode: "string" }).notNull(),
    channel: text("channel").notNull(),
    fulfillment: text("fulfillment").notNull(),
    orders: integer("orders").notNull(),
    units: integer("units").notNull(),
    revenueFen: bigint("revenue_fen", { mode: "number" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.coopId, t.day, t.channel, t.fulfillment] }),
    index("report_coop_daily_day_idx").on(t.day),
  ],
);

export const reportProductDaily = pgTable(
  "report_product_daily",
  {
    coopId: text("coop_id").notNull(),
    day: date("day", { mode: "string" }).notNull(),
    productId: text("product_id").notNull(),
    orders: integer("orders").notNull(),
    units: integer("units").notNull(),
    revenueFen: bigint("revenue_fen", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.coopId, t.day, t.productId] })],
);

export const reportRefundDaily = pgTable(
  "report_refund_daily",
  {
    coopId: text("coop_id").notNull(),
    day: date("day", { mode: "string" }).notNull(),
    productId: text("product_id").notNull(),
    refunds: integer("refunds").notNull(),
    refundFen: bigint("refund_fen", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.coopId, t.day, t.productId] })],
);

/** Live and replay sales a streamer carried, per day and cooperative. */
export const reportStreamerDaily = pgTable(
  "report_streamer_daily",
  {
    streamerId: text("streamer_id").notNull(),
    day: date("day", { mode: "string" }).notNull(),
    coopId: text("coop_id").notNull(),
    orders: integer("orders").notNull(),
    units: integer("units").notNull(),
    revenueFen: bigint("revenue_fen", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.streamerId, t.day, t.coopId] }), index("report_streamer_daily_day_idx").on(t.day)],
);

/**
 * Active buyers: how many people bought in a week (Monday, Shanghai) — from the whole shop (dim 'all', key ''), from a
 * cooperative ('coop'), at a station ('station', '' for home delivery) or from a streamer's sessions ('streamer').
 * Distinct people do not add up across weeks or keys, so each count is kept as it is.
 */
export const reportBuyerWeek = pgTable(
  "report_buyer_week",
  {
    week: date("week", { mode: "string" }).notNull(),
    dim: text("dim", { enum: ["all", "coop", "station", "streamer"] }).notNull(),
    key: text("key").notNull(),
    buyers: integer("buyers").notNull(),
  },
  (t) => [primaryKey({ columns: [t.week, t.dim, t.key] })],
);

/** The whole shop per day and station: orders counted once however many cooperatives they span. */
export const reportPlatformDaily = pgTable(
  "report_platform_daily",
  {
    day: date("day", { mode: "string" }).notNull(),
    channel: text("channel").notNull(),
    fulfillment: text("fulfillment").notNull(),
    /** The pickup station; '' for home delivery. */
    stationId: text("station_id").notNull(),
    orders: integer("orders").notNull(),
    units: integer("units").notNull(),
    revenueFen: bigint("revenue_fen", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.channel, t.fulfillment, t.stationId] })],
);

/**
 * What changed since the rollups were last rebuilt: an order (its lines, status or payment) or a refund. Written by
 * triggers on order_lines, orders and refunds (migration 0014), whatever the path; consumed by the rebuild; and read by
 * every report, which adds up the lines itself for the days these touch.
 */
export const reportChanges = pgTable("report_changes", {
  id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
  orderId: text("order_id"),
  refundId: text("refund_id"),
});

/** A cooperative's day in one row (the channels added up): what the admin's table by cooperative reads. */
export const reportCoopDay = pgTable(
  "report_coop_day",
  {
    day: date("day", { mode: "string" }).notNull(),
    coopId: text("coop_id").notNull(),
    orders: integer("orders").notNull(),
    units: integer("units").notNull(),
    revenueFen: bigint("revenue_fen", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.coopId] })],
);

/** The whole shop's day in one row: what the admin's totals and weeks read. */
export const reportPlatformDay = pgTable("report_platform_day", {
  day: date("day", { mode: "string" }).primaryKey(),
  orders: integer("orders").notNull(),
  units: integer("units").notNull(),
  revenueFen: bigint("revenue_fen", { mode: "number" }).notNull(),
});
