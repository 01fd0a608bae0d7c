import { NextResponse, type NextRequest } from "next/server";
import { normalizeError, readTextLimited } from "@/lib/auth";
import { afterTeamPaymentEvent } from "@/lib/group-buys";
import { handlePaymentEvent } from "@/lib/orders";
import { verifyWebhook } from "@/lib/payments";

export const dynamic = "force-dynamic";

// POST /api/stripe/webhook — Stripe events. The raw body's signature is checked (bad or older than 300 s → 400,
// nothing written); each event is applied once. A 5xx makes Stripe deliver it again later.
// Stripe's events are a few KB; nothing legitimate comes near 1 MB, so a bigger body is refused unread (413).
// Answers are for a machine: `{"error":{"code":…}}`, never the shop's form text in a visitor's language.
const MAX_EVENT_BYTES = 1024 * 1024;

function refusal(err: unknown, stage: "intake" | "apply"): NextResponse {
  const e = normalizeError(err, "stripe webhook");
  // The only VALIDATION verifyWebhook raises is a missing or wrong signature (or one too old).
  const code = stage === "intake" && e.code === "VALIDATION" ? "BAD_SIGNATURE" : e.code;
  const res = NextResponse.json({ error: { code } }, { status: e.status });
  if (e.retryAfterSeconds) res.headers.set("Retry-After", String(e.retryAfterSeconds));
  return res;
}

export async function POST(req: NextRequest) {
  let event;
  try {
    const raw = await readTextLimited(req, MAX_EVENT_BYTES);
    event = await verifyWebhook(raw, req.headers.get("stripe-signature"));
  } catch (err) {
    console.warn("[security] rejected Stripe webhook:", (err as Error).message);
    return refusal(err, "intake");
  }
  try {
    const result = await handlePaymentEvent(event);
    // A 拼团 member's payment moves their team along (join, complete, or release a late payment) after commit.
    await afterTeamPaymentEvent(event);
    return NextResponse.json({ received: true, result });
  } catch (err) {
    return refusal(err, "apply");
  }
}
