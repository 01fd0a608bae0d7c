import "server-only";
import { getDb, schema as s, type Tx } from "../db";
import type { WebhookEventView } from "./contract";

/**
 * Runs a webhook event's effect exactly once: the event id goes into processed_events in the same
 * transaction as the effect. A duplicate delivery (even five at once) finds the row and does nothing.
 */
export async function processWebhookEvent(
  event: WebhookEventView,
  effect: (tx: Tx) => Promise<void>,
): Promise<"processed" | "duplicate"> {
  const db = await getDb();
  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(s.processedEvents)
      .values({ eventId: event.id, provider: "stripe", type: event.type, payload: event.raw })
      .onConflictDoNothing({ target: s.processedEvents.eventId })
      .returning({ id: s.processedEvents.eventId });
    if (!inserted.length) return "duplicate";
    await effect(tx);
    return "processed";
  });
}
