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
    // Playwright passes its own environment on beneath these, NEXT_DIST_DIR (which build to serve) included.
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

const desktop = { ...devices["Desktop Chrome"], launchOptions: chromium };
const mobile = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, launchOptions: chromium };

// Which specs may run beside others. The journeys move the shared server's clock and read its batches and stock, so
// they run alone on that server, after everything else there; coop-catalog publishes a product in 大柳村's catalog,
// which the catalog specs count, so it goes with them. The specs that start app servers of their own (own databases
// and ports) run one at a time beside the rest: the authorization matrix and the two instances beside the
// independent specs, the fault specs beside the desktop journeys.
const journeys = [/-journey\.spec\.ts$/, /coop-catalog\.spec\.ts$/];
const ownServers = /(authorization-matrix|live-two-instances)\.spec\.ts$/;
const faults = /fault-[a-z-]+\.spec\.ts$/;
const phoneOnly = /mobile\.spec\.ts$/;

/**
 * Browser journeys against the production build (`next build` first), on a fresh embedded database. Two workers
 * (about 2 GiB each on this 2-core machine), in four steps, each starting when the one before has finished:
 * "setup" signs each demo role in once and keeps its cookies (`signedInAs` in e2e/support.ts); then the
 * independent specs, desktop and phone, two at a time, beside the own-server specs; then the desktop journeys
 * beside the fault specs; then the phone journeys. (Within a step, the project listed first starts first.)
 */
export default defineConfig({
  testDir: "e2e",
  workers: Number(process.env.E2E_WORKERS ?? 2),
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
    { name: "setup", testMatch: /auth\.setup\.ts$/, use: desktop, fullyParallel: true },
    { name: "own-servers", use: desktop, workers: 1, dependencies: ["setup"], testMatch: ownServers },
    {
      name: "desktop",
      use: desktop,
      dependencies: ["setup"],
      testIgnore: [phoneOnly, ...journeys, ownServers, faults],
    },
    { name: "mobile-375", use: mobile, dependencies: ["setup"], testMatch: phoneOnly },
    { name: "own-server-faults", use: desktop, workers: 1, dependencies: ["desktop", "mobile-375"], testMatch: faults },
    {
      name: "journeys-desktop",
      use: desktop,
      workers: 1,
      dependencies: ["desktop", "mobile-375"],
      testMatch: journeys,
    },
    {
      name: "journeys-mobile-375",
      use: mobile,
      workers: 1,
      dependencies: ["journeys-desktop"],
      testMatch: /-journey\.spec\.ts$/,
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
