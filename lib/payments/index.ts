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
  retrieveCharge,
  verifyWebhook,
} from "./stripe";
export { processWebhookEvent } from "./webhooks";
export { createConnectedAccount, retrieveConnectedAccount, createOnboardingLink, createTransfer } from "./connect";
export {
  latestAttempt,
  attemptBySession,
  paidAttempt,
  updateAttemptFromSession,
  markAttemptPaid,
  markIntentFailed,
  type PaymentRow,
} from "./attempts";
export {
  processRefunds,
  applyRefundUpdates,
  applyChargeRefunds,
  settleOrderRefundState,
  REFUND_LEASE_MS,
} from "./process-refunds";
export { openCheckoutAttempt, sendAttempt, endAttemptSession, type NewCheckout } from "./open-attempt";
export { retryRefund } from "./retry-refund";
export { refundMachine } from "./refund-state";
