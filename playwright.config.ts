import { defineConfig, devices } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3210);
const plainPort = port + 1;
const stripePort = port + 900;
export const rtmpPort = port + 1000;
const hlsPort = port + 1001;
export const baseURL = `http://127.0.0.1:${port}`;
export const plainBaseURL = `http://127.0.0.1:${plainPort}`;

function appServer(p: number, dataDir: string, extra: Record<string, string>) {
  return {
    command: `node_modules/.bin/tsx server.ts -p ${p} -H 127.0.0.1`,
    url: `http://127.0.0.1:${p}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "pipe" as const,
    env: {
      NODE_ENV: "production",
      DATA_DIR: dataDir,
      DATABASE_URL: "",
      E2E_TEST_HOOKS: "1",
      SWEEP_INTERVAL_SECONDS: "0",
      ...extra,
    },
  };
}

const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
  ],
};

/** Browser journeys against the production build (`next build` first), on a fresh embedded database. */
export default defineConfig({
  testDir: "e2e",
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.E2E_JSON ? [["list"], ["json", { outputFile: process.env.E2E_JSON }]] : [["list"]],
  use: {
    baseURL,
    headless: true,
    locale: "zh-CN",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: chromium,
  },
  projects: [
    {
      name: "desktop",
      use: { ...devices["Desktop Chrome"], launchOptions: chromium },
      testIgnore: /mobile\.spec\.ts$/,
    },
    {
      name: "mobile-375",
      use: { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, launchOptions: chromium },
      testMatch: /(mobile|journey).*\.spec\.ts$/,
    },
  ],
  webServer: [
    {
      // A local stand-in for Stripe: the SDK talks to it and its "hosted checkout" posts signed webhooks back.
      command: "node_modules/.bin/tsx tests/fakes/fake-stripe-server.ts",
      port: stripePort,
      reuseExistingServer: false,
      env: {
        FAKE_STRIPE_PORT: String(stripePort),
        FAKE_STRIPE_WEBHOOK_URL: `${baseURL}/api/stripe/webhook`,
        STRIPE_WEBHOOK_SECRET: "whsec_e2e",
      },
    },
    // Real ingest: nginx with the RTMP module, configured from deploy/nginx-rtmp, calling the app's hooks.
    {
      command: "node_modules/.bin/tsx scripts/live-nginx.ts",
      port: hlsPort,
      reuseExistingServer: false,
      env: {
        APP_URL: baseURL,
        RTMP_PORT: String(rtmpPort),
        HTTP_PORT: String(hlsPort),
        NGINX_PREFIX: `.data/e2e-nginx-${port}`,
      },
    },
    appServer(port, `.data/e2e-${port}`, {
      LIVE_INGEST_URL: `rtmp://127.0.0.1:${rtmpPort}/live`,
      LIVE_PLAYBACK_BASE: `http://127.0.0.1:${hlsPort}/hls`,
      LIVE_REPLAY_BASE: `http://127.0.0.1:${hlsPort}/rec`,
      LIVE_UNPUBLISH_GRACE_SECONDS: "2",
      STRIPE_SECRET_KEY: "sk_test_e2e",
      STRIPE_WEBHOOK_SECRET: "whsec_e2e",
      STRIPE_PUBLISHABLE_KEY: "pk_test_e2e",
      STRIPE_API_BASE: `http://127.0.0.1:${stripePort}`,
    }),
    // The same shop without payment keys: checkout must offer pay-at-pickup only and say why.
    appServer(plainPort, `.data/e2e-${plainPort}`, {}),
  ],
});
