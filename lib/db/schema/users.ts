import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, text, unique, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, tstz, updatedAt } from "./columns";

export const users = pgTable(
  "users",
  {
    id: text("id").primaryKey(),
    /** Lower-cased; null when the person signed up with a phone number only. */
    email: text("email"),
    /** Digits only, mainland mobile form (11 digits starting with 1). */
    phone: text("phone"),
    name: text("name").notNull(),
    passwordHash: text("password_hash").notNull(),
    status: text("status", { enum: ["active", "suspended"] })
      .notNull()
      .default("active"),
    passwordChangedAt: tstz("password_changed_at"),
    /** Set when the person opened the verification link sent to `email`; cleared when the e-mail changes. */
    emailVerifiedAt: tstz("email_verified_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("users_email_key").on(t.email),
    uniqueIndex("users_phone_key").on(t.phone),
    check("users_has_login", sql`${t.email} is not null or ${t.phone} is not null`),
  ],
);
export type UserRow = typeof users.$inferSelect;

/**
 * One row per signed-in browser. The JWT carries the row id; a request is signed in only while the row
 * is live, so sign-out, password change and suspension revoke at once, whatever the cookie says.
 */
export const authSessions = pgTable(
  "auth_sessions",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    lastSeenAt: tstz("last_seen_at").notNull().defaultNow(),
    expiresAt: tstz("expires_at").notNull(),
    revokedAt: tstz("revoked_at"),
    revokedReason: text("revoked_reason"),
    userAgent: text("user_agent"),
    ip: text("ip"),
  },
  (t) => [index("auth_sessions_user_idx").on(t.userId)],
);

export const membershipKinds = ["admin", "coop", "streamer", "station"] as const;

/** Capabilities come from memberships: coop and station rows name their scope; admin and streamer have none. */
export const memberships = pgTable(
  "memberships",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: membershipKinds }).notNull(),
    scopeId: text("scope_id"),
    /** A cooperative's team: its owners manage members; staff run the catalog and orders. Null for other kinds. */
    role: text("role", { enum: ["owner", "staff"] }),
    createdAt: createdAt(),
  },
  (t) => [
    unique("memberships_user_kind_scope_key").on(t.userId, t.kind, t.scopeId).nullsNotDistinct(),
    index("memberships_scope_idx").on(t.kind, t.scopeId),
  ],
);

/** Fixed-window counters for rate limits, shared by every app instance through the database. */
export const rateLimits = pgTable(
  "rate_limits",
  {
    key: text("key").primaryKey(),
    count: integer("count").notNull(),
    windowStartedAt: tstz("window_started_at").notNull(),
  },
  (t) => [index("rate_limits_window_idx").on(t.windowStartedAt)],
);
