import { spawn, type ChildProcess } from "node:child_process";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { baseURL } from "../playwright.config";
import { signIn } from "./support";

// Two app instances (server.ts) on one PostgreSQL database: an event published on A reaches a viewer on B through
// LISTEN/NOTIFY. Needs a PostgreSQL server (E2E_PG_URL; `npm test` passes its DATABASE_URL).
const serverUrl = process.env.E2E_PG_URL;
const basePort = Number(new URL(baseURL).port);
const ports = [basePort + 2, basePort + 3];
const database = `elian_t_2i_${Date.now().toString(36)}`;
const instances: ChildProcess[] = [];

test.skip(!serverUrl, "E2E_PG_URL is not set: no PostgreSQL server for two instances");
test.describe.configure({ mode: "serial" });

function dbUrl(name: string) {
  const u = new URL(serverUrl!);
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin(sql: string) {
  const client = new pg.Client({ connectionString: dbUrl("postgres") });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function start(port: number) {
  const env = {
    ...process.env,
    DATABASE_URL: dbUrl(database),
    AUTH_SECRET: "two-instances-e2e-secret-0123456789",
    AUTH_TRUST_HOST: "1",
    SEED_DEMO: "1",
    SWEEP_INTERVAL_SECONDS: "0",
    NODE_ENV: "production" as const,
  };
  const child = spawn("node_modules/.bin/tsx", ["server.ts", "-p", String(port), "-H", "127.0.0.1"], {
    env,
    stdio: "ignore",
  });
  instances.push(child);
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`instance on ${port} did not become healthy`);
}

test.beforeAll(async () => {
  test.setTimeout(200_000);
  await admin(`create database ${database}`);
  // One after the other: the first migrates and seeds, the second finds it done.
  await start(ports[0]!);
  await start(ports[1]!);
});

test.afterAll(async () => {
  for (const child of instances) child.kill("SIGTERM");
  await new Promise((r) => setTimeout(r, 1000));
  await admin(`drop database if exists ${database} with (force)`).catch(() => {});
});

test("[LIVE x2] the streamer goes live and pins on instance A → a viewer connected to instance B sees both without reload", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  const [a, b] = ports.map((p) => `http://127.0.0.1:${p}`);
  const viewer = await browser.newContext({ baseURL: b, locale: "zh-CN" });
  const vp = await viewer.newPage();
  await vp.goto("/live/live_demo_hudun");
  await expect(vp.getByTestId("live-room")).toHaveAttribute("data-connected", "true");
  await expect(vp.getByTestId("live-status")).toHaveAttribute("data-status", "scheduled");

  const streamer = await browser.newContext({ baseURL: a, locale: "zh-CN" });
  const sp = await streamer.newPage();
  await signIn(sp, "streamer@example.com");
  await sp.goto("/streamer/sessions/live_demo_hudun/control");
  await sp.getByTestId("go-live").click();
  await expect(sp.getByTestId("control-room")).toHaveAttribute("data-status", "live");
  await sp.getByTestId("pin-hudun-rice").click();

  await expect(vp.getByTestId("live-status")).toHaveAttribute("data-status", "live");
  await expect(vp.getByTestId("pinned-card")).toContainText("湖墩大米");
  await viewer.close();
  await streamer.close();
});
