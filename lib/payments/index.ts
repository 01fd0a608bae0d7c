import "server-only";
export { requestRefund, refundedSoFar } from "./refunds";
export {
  onlinePaymentsEnabled,
  createCheckoutSession,
  retrieveCheckoutSession,
  expireCheckoutSession,
  listCheckoutSessionsSince,
  retrievePaymentIntent,
  capturePaymentIntent,
  cancelPaymentIntent,
  captureAuthorization,
  releaseAuthorization,
  verifyWebhook,
  type NewCheckout,
} from "./stripe";
export { processWebhookEvent } from "./webhooks";
export { nextAttempt, recordAttempt, latestAttempt, attemptBySession, paidAttempt, updateAttemptFromSession, markIntentFailed, type PaymentRow } from "./attempts";
export { processRefunds, applyRefundUpdates, REFUND_LEASE_MS } from "./process-refunds";
export { openCheckoutAttempt } from "./open-attempt";
