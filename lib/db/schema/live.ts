import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
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
import { cooperatives, products, variants } from "./catalog";

export const liveSessionStatuses = ["scheduled", "live", "ended", "cancelled"] as const;

/** 直播: one broadcast by a streamer, with its product bag, pins, drops and events. */
export const liveSessions = pgTable(
  "live_sessions",
  {
    id: text("id").primaryKey(),
    streamerId: text("streamer_id")
      .notNull()
      .references(() => users.id),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    coverImagePath: text("cover_image_path"),
    scheduledAt: tstz("scheduled_at").notNull(),
    status: text("status", { enum: liveSessionStatuses }).notNull().default("scheduled"),
    startedAt: tstz("started_at"),
    endedAt: tstz("ended_at"),
    /** sha256 of the stream key; the key itself is shown once and never stored. */
    streamKeyHash: text("stream_key_hash"),
    streamKeyHint: text("stream_key_hint"),
    /** A playback URL hosted elsewhere, instead of this shop's streaming server. */
    externalPlaybackUrl: text("external_playback_url"),
    replayUrl: text("replay_url"),
    pinnedProductId: text("pinned_product_id"),
    /** The publisher left at this time; the session ends after the grace period unless it comes back. */
    unpublishedAt: tstz("unpublished_at"),
    /** When the 预约 reminders "starts in 10 minutes" went out (once per session; each person once by dedupe key). */
    remindedSoonAt: tstz("reminded_soon_at"),
    /** 点赞: every like of the session, added up in batches (lib/live/likes.ts). */
    likes: integer("likes").notNull().default(0),
    publishClientId: text("publish_client_id"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("live_sessions_status_idx").on(t.status, t.scheduledAt),
    index("live_sessions_streamer_idx").on(t.streamerId),
    uniqueIndex("live_sessions_stream_key_key").on(t.streamKeyHash),
  ],
);

export const liveSessionCoops = pgTable(
  "live_session_coops",
  {
    sessionId: text("session_id")
      .notNull()
      .references(() => liveSessions.id, { onDelete: "cascade" }),
    coopId: text("coop_id")
      .notNull()
      .references(() => cooperatives.id),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.coopId] })],
);

/** The products shown in a session, in order; a price can stay hidden until the streamer reveals it. */
export const liveBagItems = pgTable(
  "live_bag_items",
  {
    sessionId: text("session_id")
      .notNull()
      .references(() => liveSessions.id, { onDelete: "cascade" }),
    productId: text("product_id")
      .notNull()
      .references(() => products.id),
    position: integer("position").notNull().default(0),
    priceRevealed: boolean("price_revealed").notNull().default(true),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.productId] })],
);

/** Pin history (讲解中): the replay's product timeline is built from it. */
export const livePins = pgTable(
  "live_pins",
  {
    id: text("id").primaryKey(),
    sessionId: text("session_id")
      .notNull()
      .references(() => liveSessions.id, { onDelete: "cascade" }),
    productId: text("product_id")
      .notNull()
      .references(() => products.id),
    pinnedAt: tstz("pinned_at").notNull(),
    unpinnedAt: tstz("unpinned_at"),
  },
  (t) => [index("live_pins_session_idx").on(t.sessionId, t.pinnedAt)],
);

export const liveDropStatuses = ["open", "closed"] as const;

/** A limited drop: a drop price, a quantity cap and a per-buyer limit, for a few minutes. */
export const liveDrops = pgTable(
  "live_drops",
  {
    id: text("id").primaryKey(),
    sessionId: text("session_id")
      .notNull()
      .references(() => liveSessions.id),
    productId: text("product_id")
      .notNull()
      .references(() => products.id),
    variantId: text("variant_id")
      .notNull()
      .references(() => variants.id),
    priceFen: integer("price_fen").notNull(),
    quantityCap: integer("quantity_cap").notNull(),
    /** Units sold; only ever changed by a conditional UPDATE (sold + n <= cap). Viewers' "units left" reads it. */
    sold: integer("sold").notNull().default(0),
    perBuyerLimit: integer("per_buyer_limit").notNull(),
    opensAt: tstz("opens_at").notNull(),
    closesAt: tstz("closes_at").notNull(),
    status: text("status", { enum: liveDropStatuses }).notNull().default("open"),
    closedAt: tstz("closed_at"),
    createdAt: createdAt(),
  },
  (t) => [
    index("live_drops_session_idx").on(t.sessionId, t.status),
    check("live_drops_price_positive", sql`${t.priceFen} > 0`),
    check("live_drops_sold_within_cap", sql`${t.sold} >= 0 and ${t.sold} <= ${t.quantityCap}`),
    check("live_drops_limit_positive", sql`${t.perBuyerLimit} > 0`),
    check("live_drops_window", sql`${t.closesAt} > ${t.opensAt}`),
  ],
);

/** Units each buyer took from a drop: the per-buyer limit is a conditional upsert on this row. */
export const liveDropBuyers = pgTable(
  "live_drop_buyers",
  {
    dropId: text("drop_id")
      .notNull()
      .references(() => liveDrops.id),
    buyerId: text("buyer_id")
      .notNull()
      .references(() => users.id),
    units: integer("units").notNull(),
  },
  (t) => [primaryKey({ columns: [t.dropId, t.buyerId] }), check("live_drop_buyers_units_nonneg", sql`${t.units} >= 0`)],
);

/** Every session event, written before it is broadcast: ids only grow, so a viewer resumes exactly. */
export const liveEvents = pgTable(
  "live_events",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    sessionId: text("session_id")
      .notNull()
      .references(() => liveSessions.id, { onDelete: "cascade" }),
    type: text("type").notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("live_events_session_idx").on(t.sessionId, t.id)],
);

/** 预约: a viewer asked to be told when the session goes live. */
export const liveReminders = pgTable(
  "live_reminders",
  {
    sessionId: text("session_id")
      .notNull()
      .references(() => liveSessions.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.userId] })],
);

/**
 * 弹幕: what signed-in viewers wrote in a session. `shown` is false when its author was muted in the session at the
 * time (only they see it); a deleted comment keeps its row (who deleted it, when) and leaves the replay.
 */
export const liveComments = pgTable(
  "live_comments",
  {
    id: text("id").primaryKey(),
    sessionId: text("session_id")
      .notNull()
      .references(() => liveSessions.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    body: text("body").notNull(),
    shown: boolean("shown").notNull(),
    deletedAt: tstz("deleted_at"),
    deletedBy: text("deleted_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [index("live_comments_session_idx").on(t.sessionId, t.createdAt)],
);

/** A viewer muted in one session by its streamer or a featured cooperative: their comments reach nobody else. */
export const liveMutes = pgTable(
  "live_mutes",
  {
    sessionId: text("session_id")
      .notNull()
      .references(() => liveSessions.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    mutedBy: text("muted_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.userId] })],
);

/** Words a comment may not contain: a streamer's own list (scope = their user id) and the platform's ("platform"). */
export const liveCommentFilters = pgTable(
  "live_comment_filters",
  {
    scope: text("scope").notNull(),
    word: text("word").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.scope, t.word] })],
);

/** How many viewers each app instance holds per session, refreshed every few seconds; the sum is shown. */
export const livePresence = pgTable(
  "live_presence",
  {
    instanceId: text("instance_id").notNull(),
    sessionId: text("session_id").notNull(),
    viewers: integer("viewers").notNull(),
    updatedAt: tstz("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.instanceId, t.sessionId] })],
);

/** Personal API tokens for streamers (/api/v1), stored hashed. */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    tokenHash: text("token_hash").notNull(),
    tokenHint: text("token_hint").notNull(),
    scopes: text("scopes").array().notNull(),
    lastUsedAt: tstz("last_used_at"),
    revokedAt: tstz("revoked_at"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("api_tokens_hash_key").on(t.tokenHash), index("api_tokens_user_idx").on(t.userId)],
);
