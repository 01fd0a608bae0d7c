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
} from "./stripe";
export { processWebhookEvent } from "./webhooks";
export { latestAttempt, attemptBySession, paidAttempt, updateAttemptFromSession, markIntentFailed, type PaymentRow } from "./attempts";
export { processRefunds, applyRefundUpdates, REFUND_LEASE_MS } from "./process-refunds";
export { openCheckoutAttempt, sendAttempt, endAttemptSession, type NewCheckout } from "./open-attempt";
