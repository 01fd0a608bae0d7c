import { defineMachine } from "../core/state-machine";
import type { RefundStatus } from "./contract";

/**
 * A refund: requested (the job sends it) → pending (Stripe is working on it) → succeeded | failed. Only an
 * admin's retry moves a failed refund back to requested, to be sent again under its first idempotency key.
 */
export const refundMachine = defineMachine<RefundStatus>("refund", {
  requested: ["pending", "succeeded", "failed"],
  pending: ["succeeded", "failed"],
  failed: ["requested"],
  succeeded: [],
});
