import { NextRequest } from "next/server";
import { afterAll, beforeAll } from "vitest";
import { resetEnvForTests } from "../../lib/env";
import { FakeStripe } from "../fakes/fake-stripe";
import { POST as webhookRoute } from "../../app/api/stripe/webhook/route";

/** Starts the Stripe fake for a test file and points the app's configuration at it. */
export function setupFakeStripe(): { readonly fake: FakeStripe } {
  const holder: { fake?: FakeStripe } = {};
  const saved = { ...process.env };
  beforeAll(async () => {
    holder.fake = await new FakeStripe({ webhookSecret: "whsec_test" }).start();
    process.env.STRIPE_SECRET_KEY = "sk_test_local";
    process.env.STRIPE_WEBHOOK_SECRET = "whsec_test";
    process.env.STRIPE_API_BASE = holder.fake.base;
    resetEnvForTests();
  });
  afterAll(async () => {
    process.env = saved;
    resetEnvForTests();
    await holder.fake?.stop();
  });
  return {
    get fake() {
      return holder.fake!;
    },
  };
}

/** Delivers a payload to the webhook route as Stripe would (raw body + signature header). */
export async function deliver(
  payload: string,
  signature: string | null,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const headers = new Headers({ "content-type": "application/json" });
  if (signature) headers.set("stripe-signature", signature);
  const res = await webhookRoute(
    new NextRequest("http://127.0.0.1/api/stripe/webhook", { method: "POST", body: payload, headers }),
  );
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}
