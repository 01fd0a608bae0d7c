/**
 * Drop storm over HTTP, as phones would: the production server (`server.ts`, the build in NEXT_DIST_DIR or .next)
 * on a fresh database, a live session with a 500-unit drop (limit 1), and 5,000 signed-in buyers — distinct
 * accounts, each with a real Auth.js session cookie and its own connection — arriving evenly within 10 s at
 * POST /api/live/drops/[id]/buy. Prints, per answer kind, the count and the time to answer (p50/p95/p99, measured
 * from the moment each buyer was due, so a queue in the client counts too), the 5xx, and the database pool's
 * high-water mark (the server prints it when it stops). Then, in the same run, throughput at saturation
 * (64 connections, keep-alive): the cheapest authenticated request, GET /api/me (verifies the session and nothing
 * else), against purchases that all succeed (a 5,000-unit drop), and their ratio. Finally it checks the storm from
 * the database: exactly `units` orders, nobody above the limit, stock = Σ movements.
 *
 * Runs on PostgreSQL (127.0.0.1:5432, trust; BENCH_PG_URL overrides; its own database, dropped after) and on
 * PGlite (its own data directory under .data/, removed after), each in a process of its own.
 * Usage: npm run bench -- drop-storm-http [--buyers=5000] [--units=500] [--seconds=10] [--concurrency=64]
 *        [--driver=postgres|pglite]
 */
import { execFileSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { distDir, freePortIn, startServer, stopServerAndWait } from "./lib";
import { flag, freshDatabase, percentile } from "./pg";

const driverArg = process.argv.find((a) => a.startsWith("--driver="))?.slice(9);
if (!driverArg) {
  // One process per driver: the app reads its environment once.
  for (const driver of ["postgres", "pglite"]) {
    console.log(`\n### ${driver}`);
    execFileSync(
      process.execPath,
      [...process.execArgv, process.argv[1]!, ...process.argv.slice(2), `--driver=${driver}`],
      { stdio: "inherit" },
    );
  }
  process.exit(0);
}

const buyersN = flag("buyers", 5000);
const units = flag("units", 500);
const seconds = flag("seconds", 10);
const concurrency = flag("concurrency", 64);
const secret = randomBytes(33).toString("base64url");
const loadavg = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");

distDir(); // a production build is needed
const pgDb = driverArg === "postgres" ? await freshDatabase("drophttp") : null;
const dataDir = path.resolve(`.data/bench-drop-http-${Date.now().toString(36)}`);
const appEnv: Record<string, string> = {
  NODE_ENV: "production",
  AUTH_SECRET: secret,
  SEED_DEMO: "0",
  LOG_LEVEL: "warn",
  SWEEP_INTERVAL_SECONDS: "0",
  DATA_DIR: dataDir,
  DATABASE_URL: pgDb?.url ?? "",
};
Object.assign(process.env, appEnv);

const { getDbHandle, closeDb, schema: s } = await import("../lib/db");
const { createAgreement, createCoop, createProduct, createStation } = await import("../lib/db/seed/factories");
const { createSession, setBag, goLive, openDrop } = await import("../lib/live");
const { bagInput, createSessionInput, openDropInput } = await import("../lib/live/contract");
const { stockInvariantViolations } = await import("../lib/inventory/invariant");
const { hashPassword } = await import("../lib/core/password");
const { createViewer } = await import("../tests/support/viewers");
const { mintBuyersWith } = await import("../tests/support/session-cookies");
const { and, count, eq, gt, sum } = await import("drizzle-orm");

// The world, written before the server starts (PGlite allows one process at a time).
const handle = await getDbHandle();
const coop = await createCoop(handle.db);
const station = await createStation(handle.db);
const rice = await createProduct(handle.db, {
  coopId: coop.id,
  nameZh: "湖墩大米",
  variants: [{ priceFen: 6980, stock: 1_000_000, labelZh: "5kg" }],
});
const variantId = rice.variants[0]!.id;
const streamer = await createViewer(handle.db, { name: "小柳", memberships: [{ kind: "streamer" }] });
await createAgreement(handle.db, { streamerId: streamer.userId, coopId: coop.id });
const { id: sessionId } = await createSession(
  streamer,
  createSessionInput.parse({ title: "湖墩新米直播", scheduledAt: "2026-12-01T20:00", coopIds: [coop.id] }),
);
await setBag(streamer, bagInput.parse({ sessionId, productIds: [rice.product.id] }));
await goLive(streamer, { sessionId });
const newDrop = async (cap: number) =>
  (
    await openDrop(
      streamer,
      openDropInput.parse({
        sessionId,
        variantId,
        price: "49.90",
        quantityCap: cap,
        perBuyerLimit: 1,
        durationSeconds: 3600,
      }),
    )
  ).dropId;
const warmDrop = await newDrop(100);
const stormDrop = await newDrop(units);
const fullDrop = await newDrop(buyersN);
const query = (text: string, params: unknown[]) =>
  handle.pool ? handle.pool.query(text, params) : handle.pglite!.query(text, params);
const people = await mintBuyersWith(query, buyersN, secret, await hashPassword("load-password"));
await closeDb();

const port = await freePortIn(3400, 3499);
const base = `http://127.0.0.1:${port}`;
let stderr = "";
const startApp = async (): Promise<ChildProcess> => {
  const child = await startServer(port, appEnv, {
    fdLimit: 20_000,
    // --profile: the server writes a CPU profile per run into .data/prof (read it with scripts or DevTools).
    nodeArgs: process.argv.includes("--profile") ? ["--cpu-prof", "--cpu-prof-dir=.data/prof"] : [],
  });
  child.stderr?.on("data", (b: Buffer) => (stderr += b.toString()));
  return child;
};

interface Answer {
  status: number;
  ms: number;
  body: string;
}

/** One request on its own connection (a phone), or on `agent`'s; the time is from `dueAt`. */
function send(
  method: "GET" | "POST",
  url: string,
  cookie: string,
  body: string | null,
  dueAt: number,
  agent: http.Agent | false,
): Promise<Answer> {
  return new Promise((resolve) => {
    const req = http.request(
      url,
      {
        method,
        agent,
        headers: {
          cookie,
          origin: base,
          ...(body ? { "content-type": "application/json", "content-length": Buffer.byteLength(body) } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            ms: performance.now() - dueAt,
            body: Buffer.concat(chunks).toString(),
          }),
        );
      },
    );
    req.on("error", (err) => resolve({ status: 0, ms: performance.now() - dueAt, body: err.message }));
    if (body) req.write(body);
    req.end();
  });
}

const buyBody = (stationId: string) =>
  JSON.stringify({ quantity: 1, stationId, idempotencyKey: randomBytes(12).toString("hex") });
const buyUrl = (dropId: string) => `${base}/api/live/drops/${dropId}/buy`;

/** Open loop: request i is due at i × (seconds / n), whatever the server does. */
async function arrivals(n: number, fire: (i: number, dueAt: number) => Promise<Answer>): Promise<Answer[]> {
  const interval = (seconds * 1000) / n;
  const t0 = performance.now() + 50;
  const pending: Promise<Answer>[] = [];
  for (let i = 0; i < n; i++) {
    const dueAt = t0 + i * interval;
    const wait = dueAt - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    pending.push(fire(i, dueAt));
  }
  return Promise.all(pending);
}

/** Closed loop: `concurrency` clients, each sending its next request as soon as the last is answered. */
async function saturate(n: number, fire: (i: number, agent: http.Agent) => Promise<Answer>) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  let next = 0;
  const answers: Answer[] = [];
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) answers.push(await fire(next++, agent));
    }),
  );
  const wall = performance.now() - t0;
  agent.destroy();
  return { perSec: (n / wall) * 1000, answers, wall };
}

const stat = (xs: number[]) =>
  xs.length
    ? `${percentile(xs, 50).toFixed(0)} / ${percentile(xs, 95).toFixed(0)} / ${percentile(xs, 99).toFixed(0)}`
    : "–";
const highWater = () =>
  /pool high-water mark: (.*)/.exec(stderr)?.[1] ?? "no pool (PGlite: one connection, statements queue in the app)";

console.log(`load average ${loadavg()} on ${os.cpus().length} cores; ${driverArg}; server on ${base}`);
try {
  // 1. The storm.
  let server = await startApp();
  // Warm-up (code paths loaded, connections open), five at a time so it leaves the pool's high-water mark alone.
  for (let i = 0; i < 50; i += 5)
    await Promise.all(
      people
        .slice(i, i + 5)
        .map((p) => send("POST", buyUrl(warmDrop), p.cookie, buyBody(station.id), performance.now(), false)),
    );
  const storm = await arrivals(people.length, (i, dueAt) =>
    send("POST", buyUrl(stormDrop), people[i]!.cookie, buyBody(station.id), dueAt, false),
  );
  const loadAfterStorm = loadavg();
  await stopServerAndWait(server);
  const stormPool = highWater();
  const won = storm.filter((a) => a.status === 200);
  const gone = storm.filter((a) => a.status === 409 && JSON.parse(a.body).error?.message?.startsWith("已抢光"));
  const other = storm.filter((a) => !won.includes(a) && !gone.includes(a));
  const kinds = other.reduce<Record<string, number>>((t, a) => {
    const k = `${a.status} ${a.status ? (JSON.parse(a.body || "{}").error?.code ?? "") : a.body}`;
    t[k] = (t[k] ?? 0) + 1;
    return t;
  }, {});
  console.log(
    `\nstorm: ${people.length} buyers within ${seconds} s at a ${units}-unit drop (limit 1), one connection each`,
  );
  console.log(`| answer | count | p50 / p95 / p99 ms |`);
  console.log(`|---|---|---|`);
  console.log(`| 200 order | ${won.length} | ${stat(won.map((a) => a.ms))} |`);
  console.log(`| 409 已抢光 | ${gone.length} | ${stat(gone.map((a) => a.ms))} |`);
  for (const [k, n] of Object.entries(kinds)) console.log(`| ${k} | ${n} | |`);
  console.log(`| all | ${storm.length} | ${stat(storm.map((a) => a.ms))} |`);
  console.log(`5xx: ${storm.filter((a) => a.status >= 500).length}; pool high-water mark: ${stormPool}`);
  console.log(`load average after the storm ${loadAfterStorm}`);

  // 2. Throughput at saturation: the session check, then purchases that all succeed, on a fresh server.
  stderr = "";
  server = await startApp();
  await saturate(200, (i, agent) => send("GET", `${base}/api/me`, people[i]!.cookie, null, performance.now(), agent));
  const ping = await saturate(people.length, (i, agent) =>
    send("GET", `${base}/api/me`, people[i]!.cookie, null, performance.now(), agent),
  );
  const buys = await saturate(people.length, (i, agent) =>
    send("POST", buyUrl(fullDrop), people[i]!.cookie, buyBody(station.id), performance.now(), agent),
  );
  const loadAfterSaturation = loadavg();
  await stopServerAndWait(server);
  const okPing = ping.answers.filter((a) => a.status === 200).length;
  const okBuys = buys.answers.filter((a) => a.status === 200).length;
  console.log(`\nsaturation: ${concurrency} keep-alive connections, ${people.length} requests each`);
  console.log(`| request | ok | per s | p50 / p95 / p99 ms |`);
  console.log(`|---|---|---|---|`);
  console.log(
    `| GET /api/me (session check) | ${okPing} | ${ping.perSec.toFixed(0)} | ${stat(ping.answers.map((a) => a.ms))} |`,
  );
  console.log(
    `| POST …/buy (each one an order) | ${okBuys} | ${buys.perSec.toFixed(0)} | ${stat(buys.answers.map((a) => a.ms))} |`,
  );
  const ratio = buys.perSec / ping.perSec;
  console.log(
    `ratio purchases ÷ session checks: ${ratio.toFixed(2)} (target ≥ 0.5: ${ratio >= 0.5 ? "met" : "MISSED"})`,
  );
  console.log(`pool high-water mark: ${highWater()}; load average after ${loadAfterSaturation}`);

  // 3. From the database.
  const d = (await getDbHandle()).db;
  const verdict: string[] = [];
  for (const [label, dropId, expected] of [
    ["storm", stormDrop, Math.min(units, people.length)],
    ["saturation", fullDrop, okBuys],
  ] as const) {
    const [drop] = await d.select().from(s.liveDrops).where(eq(s.liveDrops.id, dropId));
    const [orders] = await d.select({ n: count() }).from(s.orders).where(eq(s.orders.dropId, dropId));
    const [lines] = await d
      .select({ u: sum(s.orderLines.quantity).mapWith(Number) })
      .from(s.orderLines)
      .innerJoin(s.orders, eq(s.orders.id, s.orderLines.orderId))
      .where(eq(s.orders.dropId, dropId));
    const [over] = await d
      .select({ n: count() })
      .from(s.liveDropBuyers)
      .where(and(eq(s.liveDropBuyers.dropId, dropId), gt(s.liveDropBuyers.units, 1)));
    const good = drop!.sold === expected && orders!.n === expected && (lines?.u ?? 0) === expected && over!.n === 0;
    verdict.push(
      `${label}: drop.sold ${drop!.sold}, orders ${orders!.n}, units ${lines?.u ?? 0}, above the limit ${over!.n} → ${good ? "exact" : "WRONG"}`,
    );
    if (!good) process.exitCode = 1;
  }
  const violations = await stockInvariantViolations(d);
  verdict.push(`stock = Σ movements violations: ${violations.length}`);
  if (violations.length || won.length !== Math.min(units, people.length) || gone.length !== people.length - won.length)
    process.exitCode = 1;
  console.log(`\nfrom the database:\n  ${verdict.join("\n  ")}`);
  await closeDb();
} finally {
  await pgDb?.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
}
