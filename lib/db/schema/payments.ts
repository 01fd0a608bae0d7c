import { integer, jsonb, pgTable, text, uniqueIndex, index } from "drizzle-orm/pg-core";
import { createdAt, tstz, updatedAt } from "./columns";
import { orders } from "./orders";

/** "creating": the attempt is written with its parameters and Stripe has not answered with its session yet. */
export const paymentStatuses = [
  "creating",
  "open",
  "processing",
  "paid",
  "failed",
  "expired",
  "canceled",
  "authorized",
] as const;

/**
 * What an attempt asks Stripe for, fixed when the attempt is written: a retry of the attempt (same idempotency
 * key `checkout:<order>:<attempt>`) re-sends exactly these parameters, as Stripe requires.
 */
export interface CheckoutRequest {
  lines: { name: string; unitAmountFen: number; quantity: number }[];
  /** Unix seconds: Stripe's own expiry of the session (30 min to 24 h after it is made). */
  expiresAt: number;
  successUrl: string;
  cancelUrl: string;
  methods: string[];
  capture: "automatic" | "manual";
}

/**
 * One online payment attempt of an order (a Stripe Checkout Session, or a PaymentIntent for card
 * authorisations). Stripe's own types stay in lib/payments; this row holds what the app needs.
 */
export const payments = pgTable(
  "payments",
  {
    id: text("id").primaryKey(),
    orderId: text("order_id")
      .notNull()
      .references(() => orders.id),
    provider: text("provider").notNull().default("stripe"),
    attempt: integer("attempt").notNull(),
    checkoutSessionId: text("checkout_session_id"),
    paymentIntentId: text("payment_intent_id"),
    checkoutUrl: text("checkout_url"),
    amountFen: integer("amount_fen").notNull(),
    currency: text("currency").notNull().default("cny"),
    captureMethod: text("capture_method", { enum: ["automatic", "manual"] })
      .notNull()
      .default("automatic"),
    status: text("status", { enum: paymentStatuses }).notNull().default("open"),
    methodType: text("method_type"),
    failureMessage: text("failure_message"),
    /** The Checkout parameters of this attempt (null on attempts older than this column). */
    request: jsonb("request").$type<CheckoutRequest>(),
    /** When Stripe expires the session by itself (the app's hold sweep usually expires it sooner). */
    expiresAt: tstz("expires_at"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("payments_order_attempt_key").on(t.orderId, t.attempt),
    uniqueIndex("payments_session_key").on(t.checkoutSessionId),
    uniqueIndex("payments_intent_key").on(t.paymentIntentId),
    index("payments_order_idx").on(t.orderId),
    index("payments_status_idx").on(t.status),
  ],
);

/** Every webhook event already handled, written in the same transaction as its effect (dedupe). */
export const processedEvents = pgTable("processed_events", {
  eventId: text("event_id").primaryKey(),
  provider: text("provider").notNull(),
  type: text("type").notNull(),
  payload: jsonb("payload").$type<Record<string, unknown>>(),
  processedAt: tstz("processed_at").notNull().defaultNow(),
});
