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
import { cooperatives, products } from "./catalog";

export const applicationKinds = ["coop", "streamer", "station"] as const;
export const applicationStatuses = ["pending", "approved", "rejected", "withdrawn"] as const;

/**
 * Someone asks to join as a cooperative, a streamer or a station. `details` is the kind's form, as its contract
 * (lib/joining/contract.ts) parsed it; a rejected one is corrected and resubmitted in place (revision + 1).
 * One open (pending or rejected) application per person and kind.
 */
export const applications = pgTable(
  "applications",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: applicationKinds }).notNull(),
    status: text("status", { enum: applicationStatuses }).notNull().default("pending"),
    details: jsonb("details").$type<Record<string, unknown>>().notNull(),
    revision: integer("revision").notNull().default(1),
    rejectReason: text("reject_reason"),
    reviewedBy: text("reviewed_by").references(() => users.id),
    reviewedAt: tstz("reviewed_at"),
    /** What approval created: the cooperative's or the station's id, or the streamer's user id. */
    resultId: text("result_id"),
    submittedAt: tstz("submitted_at").notNull().defaultNow(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("applications_one_open_key")
      .on(t.userId, t.kind)
      .where(sql`${t.status} in ('pending', 'rejected')`),
    index("applications_queue_idx").on(t.status, t.kind, t.submittedAt),
  ],
);

/**
 * Append-only: every admin action and every capability change. A trigger (migration 0012) refuses UPDATE and
 * DELETE, so no code path can change a row once written.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    /** Null when the system did it (a sweep, the seed). */
    actorId: text("actor_id").references(() => users.id),
    action: text("action").notNull(),
    entityKind: text("entity_kind").notNull(),
    entityId: text("entity_id").notNull(),
    before: jsonb("before").$type<Record<string, unknown> | null>(),
    after: jsonb("after").$type<Record<string, unknown> | null>(),
    createdAt: createdAt(),
  },
  (t) => [
    index("audit_log_created_idx").on(t.createdAt),
    index("audit_log_entity_idx").on(t.entityKind, t.entityId),
    index("audit_log_actor_idx").on(t.actorId),
  ],
);

export const coopMemberRoles = ["owner", "staff"] as const;

/** A single-use invitation to a cooperative's team; the link carries the token, the row only its sha256. */
export const coopInvitations = pgTable(
  "coop_invitations",
  {
    id: text("id").primaryKey(),
    coopId: text("coop_id")
      .notNull()
      .references(() => cooperatives.id, { onDelete: "cascade" }),
    invitedBy: text("invited_by")
      .notNull()
      .references(() => users.id),
    /** A lower-cased e-mail or an 11-digit phone: only that person may accept. */
    identifier: text("identifier").notNull(),
    role: text("role", { enum: coopMemberRoles }).notNull(),
    tokenHash: text("token_hash").notNull(),
    expiresAt: tstz("expires_at").notNull(),
    acceptedAt: tstz("accepted_at"),
    acceptedBy: text("accepted_by").references(() => users.id),
    revokedAt: tstz("revoked_at"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("coop_invitations_token_key").on(t.tokenHash), index("coop_invitations_coop_idx").on(t.coopId)],
);

export const agreementStatuses = ["proposed", "countered", "active", "rejected", "withdrawn", "ended"] as const;
export const agreementSides = ["streamer", "coop"] as const;

/**
 * 带货合作: a streamer carries some or all of a cooperative's products for a commission (basis points of the
 * line total) during a period. `awaiting` names the side whose answer is due while it is proposed or countered.
 */
export const carryingAgreements = pgTable(
  "carrying_agreements",
  {
    id: text("id").primaryKey(),
    streamerId: text("streamer_id")
      .notNull()
      .references(() => users.id),
    coopId: text("coop_id")
      .notNull()
      .references(() => cooperatives.id),
    status: text("status", { enum: agreementStatuses }).notNull().default("proposed"),
    awaiting: text("awaiting", { enum: agreementSides }),
    /** Every product of the cooperative (now and later), or only those in carrying_agreement_products. */
    allProducts: boolean("all_products").notNull().default(true),
    rateBps: integer("rate_bps").notNull(),
    startsAt: tstz("starts_at").notNull(),
    endsAt: tstz("ends_at").notNull(),
    endedAt: tstz("ended_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("carrying_agreements_streamer_idx").on(t.streamerId, t.status),
    index("carrying_agreements_coop_idx").on(t.coopId, t.status),
    check("carrying_agreements_rate", sql`${t.rateBps} between 0 and 5000`),
    check("carrying_agreements_period", sql`${t.endsAt} > ${t.startsAt}`),
  ],
);

export const carryingAgreementProducts = pgTable(
  "carrying_agreement_products",
  {
    agreementId: text("agreement_id")
      .notNull()
      .references(() => carryingAgreements.id, { onDelete: "cascade" }),
    productId: text("product_id")
      .notNull()
      .references(() => products.id),
  },
  (t) => [primaryKey({ columns: [t.agreementId, t.productId] })],
);

/** What each side proposed, countered, accepted, rejected or ended: the history both sides see. */
export const carryingAgreementEvents = pgTable(
  "carrying_agreement_events",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    agreementId: text("agreement_id")
      .notNull()
      .references(() => carryingAgreements.id, { onDelete: "cascade" }),
    actorId: text("actor_id").references(() => users.id),
    side: text("side", { enum: agreementSides }).notNull(),
    action: text("action", { enum: ["propose", "counter", "accept", "reject", "withdraw", "end"] }).notNull(),
    rateBps: integer("rate_bps"),
    startsAt: tstz("starts_at"),
    endsAt: tstz("ends_at"),
    productIds: jsonb("product_ids").$type<string[] | null>(),
    note: text("note"),
    createdAt: createdAt(),
  },
  (t) => [index("carrying_agreement_events_agreement_idx").on(t.agreementId, t.id)],
);

/** A streamer's public profile, made when the streamer application is approved; suspended ends the capability. */
export const streamerProfiles = pgTable("streamer_profiles", {
  userId: text("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  displayName: text("display_name").notNull(),
  bio: text("bio").notNull().default(""),
  /** https links to the streamer's existing channels. */
  channelLinks: jsonb("channel_links").$type<string[]>().notNull().default([]),
  /** The regions or products they want to sell, in their words. */
  interests: text("interests").notNull().default(""),
  status: text("status", { enum: ["active", "suspended"] })
    .notNull()
    .default("active"),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

export const accountTokenPurposes = ["password_reset", "email_verify"] as const;

/** Password-reset and e-mail-verification links: sha256 of the token, single use, short-lived. */
export const accountTokens = pgTable(
  "account_tokens",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: text("purpose", { enum: accountTokenPurposes }).notNull(),
    tokenHash: text("token_hash").notNull(),
    /** The address a verification link proves (the account's e-mail when it was sent). */
    email: text("email"),
    expiresAt: tstz("expires_at").notNull(),
    usedAt: tstz("used_at"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("account_tokens_token_key").on(t.tokenHash), index("account_tokens_user_idx").on(t.userId)],
);
