import { z } from "zod";

export type RefundStatus = "requested" | "pending" | "succeeded" | "failed";

export type OnlineMethod = "card" | "alipay" | "wechat_pay";
export const onlineMethods: readonly OnlineMethod[] = ["card", "alipay", "wechat_pay"];

/** Wallets charge at once; only cards can be authorised now and captured later. */
export const manualCaptureMethods: readonly OnlineMethod[] = ["card"];

/** The app's view of a Checkout Session: no Stripe types leave lib/payments. */
export interface CheckoutView {
  id: string;
  url: string | null;
  status: "open" | "complete" | "expired";
  /** "authorized": a manual-capture card hold (Stripe says unpaid while its PaymentIntent requires_capture). */
  paymentStatus: "paid" | "unpaid" | "no_payment_required" | "authorized";
  amountFen: number;
  currency: string;
  orderId: string | null;
  paymentIntentId: string | null;
  createdAt: Date;
}

export interface PaymentIntentView {
  id: string;
  status:
    | "requires_payment_method"
    | "requires_confirmation"
    | "requires_action"
    | "processing"
    | "requires_capture"
    | "canceled"
    | "succeeded";
  amountFen: number;
  captureMethod: "automatic" | "manual" | "automatic_async";
  orderId: string | null;
}

/** A verified webhook event, reduced to what the app acts on. */
export interface WebhookEventView {
  id: string;
  type: string;
  sessionId: string | null;
  /** The charge of a charge or refund event (re-fetched with its refunds before acting). */
  chargeId: string | null;
  paymentIntentId: string | null;
  failureMessage: string | null;
  refunds: { id: string; status: string; amountFen: number }[];
  raw: Record<string, unknown>;
}

/** A charge as Stripe has it, with every refund made on it; `key` is the app's refund key (null: made elsewhere). */
export interface ChargeView {
  id: string;
  paymentIntentId: string | null;
  amountFen: number;
  amountRefundedFen: number;
  currency: string;
  refunds: { id: string; status: string; amountFen: number; key: string | null }[];
}

/** How a capture of an authorised card ended: taken, or refused for good (declined, or the hold lapsed). */
export type CaptureOutcome =
  { ok: true; intent: PaymentIntentView } | { ok: false; reason: "declined" | "expired"; message: string };

/** The admin's retry of a refund that failed: sent again by the refund job under its first idempotency key. */
export const retryRefundInput = z.strictObject({ refundId: z.string().trim().min(1).max(64) });
export type RetryRefundInput = z.output<typeof retryRefundInput>;

/** A Stripe Connect account as the app needs it. */
export interface ConnectedAccountView {
  id: string;
  payoutsEnabled: boolean;
  detailsSubmitted: boolean;
}
