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

// The public pages' cache (lib/system/page-cache.ts) on the same two instances: no announcement between them, each
// instance's copy lives PAGE_TTL_MS (3 s) over catalog reads kept PUBLIC_CATALOG_TTL_MS (2 s).
async function db<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) {
  const client = new pg.Client({ connectionString: dbUrl(database) });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

async function anonymous(base: string, path: string, headers: Record<string, string> = {}) {
  const res = await fetch(base + path, { headers: { "accept-language": "zh-CN", ...headers } });
  return {
    cache: res.headers.get("x-page-cache"),
    csp: res.headers.get("content-security-policy") ?? "",
    html: await res.text(),
  };
}

test("[CACHE x2] a price changed in the database shows on both instances' cached product page within 5 s", async () => {
  test.setTimeout(60_000);
  const [a, b] = ports.map((p) => `http://127.0.0.1:${p}`) as [string, string];
  for (const base of [a, b]) {
    await anonymous(base, "/products/hudun-rice");
    const again = await anonymous(base, "/products/hudun-rice");
    expect(again.cache).toBe("hit");
    expect(again.html).toContain("69.80");
  }
  await db("update variants set price_fen = 5980 where sku = 'HUDUN-5KG'");
  const changedAt = Date.now();
  const seen: Record<string, number> = {};
  while (Object.keys(seen).length < 2 && Date.now() - changedAt < 10_000) {
    for (const base of [a, b])
      if (!seen[base] && (await anonymous(base, "/products/hudun-rice")).html.includes("59.80"))
        seen[base] = Date.now() - changedAt;
    await new Promise((r) => setTimeout(r, 100));
  }
  console.log(`[CACHE x2] new price seen after: A ${seen[a]} ms, B ${seen[b]} ms`);
  expect(seen[a]).toBeLessThanOrEqual(5_000);
  expect(seen[b]).toBeLessThanOrEqual(5_000);
  await db("update variants set price_fen = 6980 where sku = 'HUDUN-5KG'");
});

test("[CACHE] each language gets its own page; every hit has its own nonce, in the CSP and the page alike", async () => {
  const a = `http://127.0.0.1:${ports[0]}`;
  const pages = [];
  const variants: Record<string, string>[] = [
    { "accept-language": "zh-CN" },
    { "accept-language": "en-US,en;q=0.9" },
    { "accept-language": "zh-CN" },
    { "accept-language": "en-US,en;q=0.9" },
    { "accept-language": "zh-CN", cookie: "NEXT_LOCALE=en" },
  ];
  for (const headers of variants) pages.push(await anonymous(a, "/products/hudun-rice", headers));
  const lang = pages.map((p) => /<html lang="([^"]+)"/.exec(p.html)?.[1]);
  expect(lang).toEqual(["zh-CN", "en", "zh-CN", "en", "en"]);
  expect(pages[2]!.html).toContain("湖墩大米");
  expect(pages[3]!.html).toContain("Hudun Rice");
  const nonces = pages.map((p) => /'nonce-([^']+)'/.exec(p.csp)?.[1]);
  expect(new Set(nonces).size).toBe(pages.length);
  for (const [i, p] of pages.entries()) {
    expect(p.html).toContain(`nonce="${nonces[i]}"`);
    expect(p.csp).toContain("object-src 'none'");
    expect(p.csp).toContain("base-uri 'none'");
    expect(p.csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
  }
});

test("[CACHE] after a buyer signs in, the cached page shows nobody's name; the buyer still sees their own", async ({
  browser,
}) => {
  const a = `http://127.0.0.1:${ports[0]}`;
  const [buyer] = await db<{ name: string }>("select name from users where email = 'buyer@example.com'");
  const ctx = await browser.newContext({ baseURL: a, locale: "zh-CN" });
  const page = await ctx.newPage();
  await signIn(page, "buyer@example.com");
  await page.goto("/products/hudun-rice");
  await expect(page.locator("header")).toContainText(buyer!.name);
  const anon = await anonymous(a, "/products/hudun-rice");
  const anon2 = await anonymous(a, "/products/hudun-rice");
  expect(anon2.cache).toBe("hit");
  for (const p of [anon, anon2]) expect(p.html).not.toContain(buyer!.name);
  await page.reload();
  await expect(page.locator("header")).toContainText(buyer!.name);
  await ctx.close();
});

test("[CACHE] a <script> put into a product's description does not run on the cached page", async ({ browser }) => {
  const a = `http://127.0.0.1:${ports[0]}`;
  await db(`update products set description_zh = $1 where slug = 'hudun-rice'`, [
    `湖墩大米<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2"><svg onload="window.__pwned = 3">`,
  ]);
  // Past both TTLs, so the page is rendered with the new text, then served from the cache.
  await new Promise((r) => setTimeout(r, 5_500));
  const ctx = await browser.newContext({ baseURL: a, locale: "zh-CN" });
  const page = await ctx.newPage();
  const problems: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(m.text());
  });
  page.on("pageerror", (e) => problems.push(e.message));
  for (let i = 0; i < 3; i++) {
    const res = await page.goto("/products/hudun-rice");
    if (i > 0) expect(res!.headers()["x-page-cache"]).toBe("hit");
    await expect(page.getByText("window.__pwned = 1")).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  }
  expect(problems).toEqual([]);
  await ctx.close();
});
