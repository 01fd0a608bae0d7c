/**
 * Fan-out: N viewers (default 1,000; --viewers=10000) hold the live session's Server-Sent Events stream on each of
 * `--instances` app instances (default 1; `server.ts`, the production entry, with the build in NEXT_DIST_DIR, all
 * on one fresh PostgreSQL database; the stream is answered by the Node entry itself); the streamer
 * pins a product through the streamer API (/api/v1, Bearer token) several times; each pin's time from sending
 * the API request to each viewer receiving the `pinned` frame, p50/p99 over every viewer and pin, and the
 * server's memory per viewer (RSS of its process group after connecting minus before, ÷ N).
 * Baseline in the same run: a bare Node http SSE server (bench/sse-baseline-server.ts), the same N viewers, a
 * frame of the same size broadcast on an HTTP request. The viewers run in their own process
 * (bench/sse-clients.ts: raw http.get, frames split at blank lines).
 *
 * The pins go to the first instance; with two, every viewer of both must get them (LISTEN/NOTIFY), and the
 * figures are printed per instance. `--stalled=N` (default 20) adds N viewers per server that stop reading after the snapshot
 * (they must delay no one). While the viewers sit connected, the database's busy connections are counted
 * (streams hold none); each instance prints its pool's high-water mark when it stops.
 *
 * Needs a production build and PostgreSQL at 127.0.0.1:5432 with trust auth (BENCH_PG_URL overrides).
 * Usage: NEXT_DIST_DIR=.next-bench npx next build
 *        NEXT_DIST_DIR=.next-bench npm run bench -- fanout [--viewers=1000] [--pins=10] [--instances=1] [--stalled=20]
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import { distDir, fdLimits, freePortIn, startServer, stopServerAndWait, withFdLimit } from "./lib";
import { buildNextFloor } from "./next-floor";
import { flag, freshDatabase, median, percentile } from "./pg";

const viewers = flag("viewers", 1000);
const pins = flag("pins", 10);
const instances = flag("instances", 1);
const stalled = flag("stalled", 20);
/** --heap: the server writes a V8 heap snapshot (after a full GC) to /tmp/fanout-heap after the viewers connect. */
const heap = process.argv.includes("--heap");
/** --cpu-prof: the server runs with --cpu-prof (written to /tmp/fanout-prof on exit); the pins' window is printed in CLOCK_MONOTONIC µs. */
const cpuProf = process.argv.includes("--cpu-prof");
/** --next-floor: a third server, the smallest Next app streaming SSE from a route handler (bench/next-floor.ts). */
const nextFloor = process.argv.includes("--next-floor") ? buildNextFloor() : null;
const dist = distDir();
const clock = () => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Each stream is one socket in the server and one in the viewers' process (plus the server's own files).
const { soft, hard } = fdLimits();
const needFds = viewers + stalled + 1024;
if (hard < needFds)
  throw new Error(
    `ulimit -n: ${viewers} viewers need about ${needFds} open files per process, the hard limit is ${hard}; raise it (e.g. in /etc/security/limits.conf) or use fewer --viewers`,
  );
const fdLimit = soft < needFds ? needFds : undefined;
console.log(
  `load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")} on ${os.cpus().length} cores`,
);
console.log(
  `open files: soft ${soft}, hard ${hard}${fdLimit ? `; raised to ${fdLimit} for the server and the viewers` : ""}`,
);

// ---- the world, written with the app's own code into a fresh database --------------------------------------
const db = await freshDatabase("fanout");
const authSecret = randomBytes(33).toString("base64url");
Object.assign(process.env, {
  DATABASE_URL: db.url,
  NODE_ENV: "production",
  AUTH_SECRET: authSecret,
  SEED_DEMO: "0",
  LOG_LEVEL: "warn",
});
const { getDbHandle, closeDb } = await import("../lib/db");
const { createAgreement, createCoop, createProduct, createStation } = await import("../lib/db/seed/factories");
const { createSession, setBag, goLive } = await import("../lib/live");
const { bagInput, createSessionInput } = await import("../lib/live/contract");
const { createApiToken } = await import("../lib/auth/api-tokens");
const { createViewer } = await import("../tests/support/viewers");

const d = (await getDbHandle()).db; // migrates
const coop = await createCoop(d);
await createStation(d);
const products: string[] = [];
for (const nameZh of ["湖墩大米", "菜籽油"])
  products.push(
    (await createProduct(d, { coopId: coop.id, nameZh, variants: [{ priceFen: 6980, stock: 1000 }] })).product.id,
  );
const streamer = await createViewer(d, { name: "小柳", memberships: [{ kind: "streamer" }] });
// Only products under a carrying agreement in force go in a bag.
await createAgreement(d, { streamerId: streamer.userId, coopId: coop.id });
const { id: sessionId } = await createSession(
  streamer,
  createSessionInput.parse({ title: "湖墩新米直播", scheduledAt: "2026-12-01T20:00", coopIds: [coop.id] }),
);
await setBag(streamer, bagInput.parse({ sessionId, productIds: products }));
await goLive(streamer, { sessionId });
const { token } = await createApiToken(streamer, { name: "bench", scopes: ["live:write"] });
await closeDb();

// ---- helpers -------------------------------------------------------------------------------------------------
function groupPids(pgid: number): number[] {
  return fs
    .readdirSync("/proc")
    .filter((p) => /^\d+$/.test(p))
    .filter((pid) => {
      try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
        return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]) === pgid;
      } catch {
        return false;
      }
    })
    .map(Number);
}

/** RSS of every process in a process group (next start may run its server in a child), in KB. */
function groupRssKb(pgid: number): number {
  let total = 0;
  for (const pid of fs.readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) !== pgid) continue;
      const rss = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
      total += Number(rss?.[1] ?? 0);
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

interface Clients {
  child: ChildProcess;
  ask<T>(msg: object): Promise<T>;
  close(): Promise<void>;
}

async function startClients(): Promise<Clients> {
  const [cmd, args] = withFdLimit([process.execPath, "--import", "tsx", "bench/sse-clients.ts"], fdLimit);
  const child = spawn(cmd, args, { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  await new Promise<void>((resolve, reject) => {
    child.once("message", () => resolve());
    child.once("exit", (code) => reject(new Error(`viewer process exited with ${code}`)));
  });
  return {
    child,
    ask: <T>(msg: object) =>
      new Promise<T>((resolve) => {
        child.once("message", (m) => resolve(m as T));
        child.send(msg);
      }),
    close: () =>
      new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.send({ cmd: "close" });
      }),
  };
}

interface Result {
  label: string;
  connectMs: number;
  failed: number;
  rssBeforeKb: number;
  rssAfterKb: number;
  rssAfterPinsKb: number;
  lat: number[];
  missing: number;
  perPinP99: number[];
  frameBytes: number;
  triggerMs: number[];
}

interface Target {
  label: string;
  pgid: number;
  streamUrl: string;
}

/**
 * Connects the viewers to every target at once (one viewer process each), measures memory, then triggers `pins`
 * broadcasts and times every viewer's receipt, per target. `busy`: counted while the viewers sit connected.
 */
async function fanout(
  targets: Target[],
  trigger: (k: number) => Promise<void>,
  busy?: () => Promise<string>,
): Promise<Result[]> {
  const rssBeforeKb = targets.map((t) => groupRssKb(t.pgid));
  const clients = await Promise.all(targets.map(() => startClients()));
  try {
    const connected = await Promise.all(
      clients.map((c, i) =>
        c.ask<{ connected: number; failed: number; compressed: number; ms: number; stalled: number }>({
          cmd: "connect",
          url: targets[i]!.streamUrl,
          n: viewers,
          stalled,
          concurrency: 50,
        }),
      ),
    );
    await sleep(2000);
    const rssAfterKb = targets.map((t) => groupRssKb(t.pgid));
    if (busy) console.log(`  while ${viewers * targets.length} viewers sit connected: ${await busy()}`);
    if (heap && targets[0]!.label.startsWith("app")) {
      const pgid = targets[0]!.pgid;
      const pids = groupPids(pgid);
      console.log(
        `  process group: ${pids.map((p) => `${p} ${fs.readFileSync(`/proc/${p}/cmdline`, "utf8").split("\0").slice(0, 3).join(" ")}`).join("; ")}`,
      );
      for (const p of pids) process.kill(p, "SIGUSR2");
      // Written when the file stops growing.
      for (let last = -1, size = 0; size === 0 || size !== last; await sleep(3000)) {
        last = size;
        size = fs.readdirSync("/tmp/fanout-heap").reduce((a, f) => a + fs.statSync(`/tmp/fanout-heap/${f}`).size, 0);
      }
      console.log(`  RSS after the heap snapshot's full GC: ${(groupRssKb(pgid) / 1024).toFixed(0)} MB`);
    }
    const lat = targets.map((): number[] => []);
    const perPinP99 = targets.map((): number[] => []);
    const missing = targets.map(() => 0);
    const frameBytes = targets.map(() => 0);
    const triggerMs: number[] = [];
    const window0 = process.hrtime.bigint() / 1000n;
    for (let k = 1; k <= pins; k++) {
      const t0 = clock();
      await trigger(k);
      triggerMs.push(clock() - t0);
      const got = await Promise.all(
        clients.map((c) =>
          c.ask<{ times: number[]; missing: number; frameBytes: number }>({
            cmd: "wait",
            event: "pinned",
            k,
            timeoutMs: 30_000,
          }),
        ),
      );
      got.forEach((g, i) => {
        const these = g.times.map((t) => t - t0);
        lat[i]!.push(...these);
        perPinP99[i]!.push(percentile(these, 99));
        missing[i]! += g.missing;
        frameBytes[i] = g.frameBytes;
      });
      await sleep(500);
    }
    if (cpuProf) console.log(`  pins from ${window0} to ${process.hrtime.bigint() / 1000n} µs (CLOCK_MONOTONIC)`);
    return targets.map((t, i) => {
      const c = connected[i]!;
      console.log(
        `  ${t.label}: ${c.connected} viewers connected in ${(c.ms / 1000).toFixed(1)} s (${c.failed} failed${c.compressed ? `, ${c.compressed} answered with a compressed stream` : ""}${stalled ? `; ${c.stalled} more stalled after their snapshot` : ""})`,
      );
      return {
        label: t.label,
        connectMs: c.ms,
        failed: c.failed,
        rssBeforeKb: rssBeforeKb[i]!,
        rssAfterKb: rssAfterKb[i]!,
        rssAfterPinsKb: groupRssKb(t.pgid),
        lat: lat[i]!,
        missing: missing[i]!,
        perPinP99: perPinP99[i]!,
        frameBytes: frameBytes[i]!,
        triggerMs,
      };
    });
  } finally {
    await Promise.all(clients.map((c) => c.close()));
  }
}

// ---- the app ---------------------------------------------------------------------------------------------------
const results: Result[] = [];
const appEnv = (port: number) => ({
  NEXT_DIST_DIR: dist,
  DATABASE_URL: db.url,
  NODE_ENV: "production",
  AUTH_SECRET: authSecret,
  AUTH_URL: `http://127.0.0.1:${port}`,
  SEED_DEMO: "0",
  SWEEP_INTERVAL_SECONDS: "0",
  LOG_LEVEL: "warn",
});
const appNodeArgs =
  heap || cpuProf
    ? {
        nodeArgs: [
          ...(heap ? ["--heapsnapshot-signal=SIGUSR2", "--diagnostic-dir=/tmp/fanout-heap"] : []),
          ...(cpuProf ? ["--cpu-prof", "--cpu-prof-dir=/tmp/fanout-prof"] : []),
        ],
      }
    : {};
const apps: { port: number; server: ChildProcess; stderr: string[] }[] = [];
for (let i = 0; i < instances; i++) {
  const port = await freePortIn(3400, 3499);
  const server = await startServer(port, appEnv(port), { fdLimit, ...appNodeArgs });
  const stderr: string[] = [];
  server.stderr?.on("data", (d: Buffer) => stderr.push(d.toString()));
  apps.push({ port, server, stderr });
}
/** Connections of this database doing something (or idle inside a transaction) right now, and all of them. */
async function busyConnections(): Promise<string> {
  const pgc = new (await import("pg")).default.Client({ connectionString: db.url });
  await pgc.connect();
  const { rows } = await pgc.query<{ busy: number; total: number }>(
    "select count(*) filter (where state <> 'idle' and pid <> pg_backend_pid())::int as busy, count(*)::int - 1 as total from pg_stat_activity where datname = current_database()",
  );
  await pgc.end();
  return `${rows[0]!.busy} database connections busy of ${rows[0]!.total} open (the pools' idle ones and one LISTEN per instance)`;
}
const poolMarks: string[] = [];
try {
  const base = `http://127.0.0.1:${apps[0]!.port}`;
  console.log(
    `build ${dist}, ${instances} instance(s) on ports ${apps.map((a) => a.port).join(", ")}, database ${db.name}, ${viewers} viewers per instance${stalled ? ` + ${stalled} stalled` : ""}, ${pins} pins`,
  );
  const pin = async (k: number) => {
    const res = await fetch(`${base}/api/v1/sessions/${sessionId}/pin`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ productId: products[k % 2] }),
    });
    if (!res.ok) throw new Error(`pin answered ${res.status}: ${await res.text()}`);
    await res.arrayBuffer();
  };
  // Warm-up: the route code loaded, the LISTEN connections open, the pools' connections made.
  {
    const warm = await Promise.all(apps.map(() => startClients()));
    await Promise.all(
      warm.map((w, i) =>
        w.ask({
          cmd: "connect",
          url: `http://127.0.0.1:${apps[i]!.port}/api/live/${sessionId}/events`,
          n: 20,
          concurrency: 20,
        }),
      ),
    );
    for (let k = 1; k <= 3; k++) {
      await pin(k);
      await Promise.all(warm.map((w) => w.ask({ cmd: "wait", event: "pinned", k, timeoutMs: 10_000 })));
    }
    await Promise.all(warm.map((w) => w.close()));
    await sleep(2000);
  }
  results.push(
    ...(await fanout(
      apps.map((a, i) => ({
        label: `app${instances > 1 ? ` instance ${"AB"[i] ?? i + 1}` : ""}: server.ts Node entry, /api/live/[id]/events${i === 0 ? ", pin via /api/v1" : ", pin sent to A"}`,
        pgid: a.server.pid!,
        streamUrl: `http://127.0.0.1:${a.port}/api/live/${sessionId}/events`,
      })),
      pin,
      busyConnections,
    )),
  );
} finally {
  for (const [i, a] of apps.entries()) {
    await stopServerAndWait(a.server);
    const mark = /pool high-water mark: (.*)/.exec(a.stderr.join(""))?.[1];
    poolMarks.push(`instance ${"AB"[i] ?? i + 1}: ${mark ?? "not printed"}`);
  }
  await db.drop().catch((err: unknown) => console.warn(`could not drop ${db.name}: ${(err as Error).message}`));
}

// ---- the baseline: a bare Node SSE server ---------------------------------------------------------------------------
{
  const bytes = results[0]!.frameBytes;
  const bport = await freePortIn(3400, 3499);
  const [cmd, args] = withFdLimit(
    [process.execPath, "--import", "tsx", "bench/sse-baseline-server.ts", String(bport)],
    fdLimit,
  );
  const bare = spawn(cmd, args, { stdio: ["ignore", "pipe", "inherit"], detached: true });
  await new Promise<void>((resolve) => bare.stdout!.once("data", () => resolve()));
  try {
    const base = `http://127.0.0.1:${bport}`;
    const broadcast = async () => {
      const res = await fetch(`${base}/broadcast?event=pinned&bytes=${bytes}`, { method: "POST" });
      await res.arrayBuffer();
    };
    {
      const warm = await startClients();
      await warm.ask({ cmd: "connect", url: `${base}/events`, n: 20, concurrency: 20 });
      for (let k = 1; k <= 3; k++) {
        await broadcast();
        await warm.ask({ cmd: "wait", event: "pinned", k, timeoutMs: 10_000 });
      }
      await warm.close();
      await sleep(1000);
    }
    results.push(
      ...(await fanout(
        [
          {
            label: `baseline: bare Node http SSE server, ${bytes}-byte frame`,
            pgid: bare.pid!,
            streamUrl: `${base}/events`,
          },
        ],
        broadcast,
      )),
    );
  } finally {
    await stopServerAndWait(bare);
  }
}

// ---- the floor: what Next itself costs per open stream --------------------------------------------------------------
if (nextFloor) {
  const bytes = results[0]!.frameBytes;
  const fport = await freePortIn(3400, 3499);
  const floor = await startServer(
    fport,
    { NEXT_DIST_DIR: "", DATABASE_URL: "", NODE_ENV: "production" },
    { fdLimit, cwd: nextFloor },
  );
  try {
    const base = `http://127.0.0.1:${fport}`;
    const broadcast = async () => {
      const res = await fetch(`${base}/api/b?bytes=${bytes}`, { method: "POST" });
      await res.arrayBuffer();
    };
    {
      const warm = await startClients();
      await warm.ask({ cmd: "connect", url: `${base}/api/s`, n: 20, concurrency: 20 });
      for (let k = 1; k <= 3; k++) {
        await broadcast();
        await warm.ask({ cmd: "wait", event: "pinned", k, timeoutMs: 10_000 });
      }
      await warm.close();
      await sleep(1000);
    }
    results.push(
      ...(await fanout(
        [
          {
            label: `floor: smallest Next route handler streaming SSE, ${bytes}-byte frame`,
            pgid: floor.pid!,
            streamUrl: `${base}/api/s`,
          },
        ],
        broadcast,
      )),
    );
  } finally {
    await stopServerAndWait(floor);
  }
}

// ---- the figures ---------------------------------------------------------------------------------------------------
const kb = (n: number) => `${(n / 1024).toFixed(0)} MB`;
console.log(
  `\n| server | viewers | connect s | pin→receive p50 ms | p99 ms | max ms | per-pin p99 median ms | trigger request ms (median) | RSS before → after connect → after pins | KB per viewer |`,
);
console.log(`|---|---|---|---|---|---|---|---|---|---|`);
for (const r of results) {
  console.log(
    `| ${r.label} | ${viewers - r.failed}${r.missing ? ` (${r.missing} frames missing)` : ""} | ${(r.connectMs / 1000).toFixed(1)} | ${percentile(r.lat, 50).toFixed(0)} | ${percentile(r.lat, 99).toFixed(0)} | ${Math.max(...r.lat).toFixed(0)} | ${median(r.perPinP99).toFixed(0)} | ${median(r.triggerMs).toFixed(0)} | ${kb(r.rssBeforeKb)} → ${kb(r.rssAfterKb)} → ${kb(r.rssAfterPinsKb)} | ${((r.rssAfterKb - r.rssBeforeKb) / viewers).toFixed(1)} |`,
  );
}
const appResults = results.filter((r) => r.label.startsWith("app"));
const base = results.find((r) => r.label.startsWith("baseline"))!;
const p99Base = percentile(base.lat, 99);
for (const app of appResults) {
  const p99App = percentile(app.lat, 99);
  const perViewer = (app.rssAfterKb - app.rssBeforeKb) / viewers;
  const name = app.label.split(":")[0];
  console.log(
    `\n${name}: pin→receive p99 ${p99App.toFixed(0)} ms vs bare ${p99Base.toFixed(0)} ms = baseline + ${(p99App - p99Base).toFixed(0)} ms (target ≤ + 100: ${p99App - p99Base <= 100 ? "met" : "MISSED"})`,
  );
  console.log(
    `${name}: memory ${perViewer.toFixed(1)} KB per viewer (target ≤ 30: ${perViewer <= 30 ? "met" : "MISSED"}); bare server ${((base.rssAfterKb - base.rssBeforeKb) / viewers).toFixed(1)} KB`,
  );
  console.log(
    `${name}: ${viewers - app.failed} viewers connected in ${(app.connectMs / 1000).toFixed(1)} s (target ≤ 15 s at 10,000: ${app.connectMs <= 15_000 ? "met" : "MISSED"})`,
  );
  if (app.failed || app.missing)
    console.log(`NOTE: ${app.failed} viewers failed to connect, ${app.missing} pinned frames never arrived`);
}
console.log(`pool high-water marks: ${poolMarks.join("; ")}`);
console.log(
  `load average at the end ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")}`,
);
