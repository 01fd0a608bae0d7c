import "server-only";
import {
  applyChargeRefunds,
  applyRefundUpdates,
  markIntentFailed,
  processRefunds,
  processWebhookEvent,
  retrieveCharge,
  retrieveCheckoutSession,
} from "../payments";
import type { WebhookEventView } from "../payments/contract";
import { applyCheckoutSession, failCheckoutSession } from "./online-payment";

/**
 * What each Stripe event does to the order book. The session (or the charge, for refunds) is re-fetched from
 * Stripe first, with no transaction open (events can arrive out of order; the current object decides), then the
 * effect and the processed-event row commit together. Unknown event types are recorded and ignored.
 */
export async function handlePaymentEvent(event: WebhookEventView): Promise<"processed" | "duplicate"> {
  let result: "processed" | "duplicate";
  switch (event.type) {
    case "checkout.session.completed":
    case "checkout.session.async_payment_succeeded":
    case "checkout.session.expired": {
      const session = await retrieveCheckoutSession(event.sessionId!);
      result = await processWebhookEvent(event, async (tx) => void (await applyCheckoutSession(tx, session)));
      break;
    }
    case "checkout.session.async_payment_failed": {
      const session = await retrieveCheckoutSession(event.sessionId!);
      result = await processWebhookEvent(event, (tx) => failCheckoutSession(tx, session));
      break;
    }
    case "payment_intent.payment_failed":
      result = await processWebhookEvent(event, (tx) =>
        markIntentFailed(tx, event.paymentIntentId!, event.failureMessage),
      );
      break;
    case "charge.refunded":
    case "charge.refund.updated":
    case "refund.updated": {
      // The charge as it is now, with every refund on it, including one made in the Stripe dashboard.
      if (event.chargeId) {
        const charge = await retrieveCharge(event.chargeId);
        result = await processWebhookEvent(event, (tx) => applyChargeRefunds(tx, charge));
      } else {
        result = await processWebhookEvent(event, (tx) => applyRefundUpdates(tx, event.refunds));
      }
      break;
    }
    default:
      result = await processWebhookEvent(event, async () => {});
  }
  // A late payment may have asked for a refund: carry it out now rather than at the next sweep.
  await processRefunds().catch((err: unknown) => console.warn("[refunds]", (err as Error).message));
  return result;
}
