/** Runs the Stripe fake as a process (for the browser tests): FAKE_STRIPE_PORT, FAKE_STRIPE_WEBHOOK_URL, STRIPE_WEBHOOK_SECRET. */
import { FakeStripe } from "./fake-stripe";

const fake = await new FakeStripe({
  port: Number(process.env.FAKE_STRIPE_PORT ?? 12111),
  webhookUrl: process.env.FAKE_STRIPE_WEBHOOK_URL,
  webhookSecret: process.env.STRIPE_WEBHOOK_SECRET ?? "whsec_e2e",
}).start();
console.log(`fake stripe on ${fake.base}`);
process.on("SIGTERM", () => void fake.stop().then(() => process.exit(0)));
