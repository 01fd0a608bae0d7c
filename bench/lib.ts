/** Shared pieces of the benchmarks: a free port, a server in its own process group, autocannon runs. */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import autocannon from "autocannon";

export interface Run {
  label: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

/** A free port from a range (the dev machines share 3400–3499 for benches), tried in random order. */
export async function freePortIn(from: number, to: number): Promise<number> {
  const ports = Array.from({ length: to - from + 1 }, (_, i) => from + i).sort(() => Math.random() - 0.5);
  for (const port of ports) {
    const ok = await new Promise<boolean>((resolve) => {
      const server = net.createServer();
      server.unref();
      server.once("error", () => resolve(false));
      server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
    });
    if (ok) return port;
  }
  throw new Error(`no free port in ${from}–${to}`);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** The build to run: NEXT_DIST_DIR when set (each engineer builds into their own folder), else .next. */
export function distDir(): string {
  const dir = process.env.NEXT_DIST_DIR ?? ".next";
  if (!fs.existsSync(path.join(dir, "BUILD_ID")))
    throw new Error(`no production build in ${dir}: run \`NEXT_DIST_DIR=${dir} npx next build\` first`);
  return dir;
}

/** The soft and hard limits on open files that children of this process get (`ulimit -n`). */
export function fdLimits(): { soft: number; hard: number } {
  const read = (opt: string) =>
    Number(execFileSync("sh", ["-c", `ulimit ${opt}n`], { encoding: "utf8" }).trim()) || Infinity;
  return { soft: read("-S"), hard: read("-H") };
}

/** `argv` through `sh -c 'ulimit -n <limit>; exec …'` (exec keeps the pid) when a raised limit is asked for. */
export function withFdLimit(argv: string[], limit?: number): [string, string[]] {
  if (!limit) return [argv[0]!, argv.slice(1)];
  return ["sh", ["-c", `ulimit -n ${limit} && exec "$@"`, "sh", ...argv]];
}

export async function startServer(
  port: number,
  env: Record<string, string>,
  opts: { fdLimit?: number; nodeArgs?: string[]; cwd?: string } = {},
): Promise<ChildProcess> {
  const bin = (p: string) => path.resolve(p);
  // The app runs through its own entry (server.ts, as `npm start` does); another Next app (cwd) with plain next start.
  const entry = opts.cwd
    ? [process.execPath, ...(opts.nodeArgs ?? []), bin("node_modules/next/dist/bin/next"), "start"]
    : [process.execPath, ...(opts.nodeArgs ?? []), "--import", "tsx", bin("server.ts")];
  const [cmd, args] = withFdLimit([...entry, "-p", String(port), "-H", "127.0.0.1"], opts.fdLimit);
  const child = spawn(cmd, args, {
    cwd: opts.cwd,
    env: { ...process.env, NODE_ENV: "production", ...env },
    stdio: ["ignore", "ignore", "pipe"],
    detached: true, // own process group: killing it stops next-server too
  });
  child.stderr?.on("data", (d) => process.stderr.write(d));
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  stopServer(child);
  throw new Error("server did not start within 90 s");
}

export function stopServer(child: ChildProcess) {
  try {
    process.kill(-child.pid!, "SIGTERM");
  } catch {
    // already gone
  }
}

/** Stops a server's process group and waits until it is gone (SIGKILL after `ms`), so the next measurement runs alone. */
export async function stopServerAndWait(child: ChildProcess, ms = 20_000): Promise<void> {
  stopServer(child);
  const alive = () => {
    try {
      process.kill(-child.pid!, 0);
      return true;
    } catch {
      return false;
    }
  };
  const deadline = Date.now() + ms;
  while (alive() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  if (alive()) {
    console.warn(`server ${child.pid} still running after ${ms} ms: SIGKILL`);
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      // gone meanwhile
    }
    while (alive()) await new Promise((r) => setTimeout(r, 100));
  }
}

/** Milliseconds of one request, and its status: for the first (cold) request of a page. */
export async function timeOne(url: string): Promise<{ ms: number; status: number }> {
  const start = performance.now();
  const res = await fetch(url);
  await res.arrayBuffer();
  return { ms: performance.now() - start, status: res.status };
}

export async function load(
  label: string,
  url: string,
  opts: { connections?: number; duration?: number } = {},
): Promise<Run> {
  const r = await autocannon({ url, connections: opts.connections ?? 10, duration: opts.duration ?? 10 });
  return { label, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors, non2xx: r.non2xx };
}

/** A markdown table; one ratio column per baseline (runs of the same server in the same session). */
export function printRuns(runs: Run[], baselines: Run[]) {
  const ratios = (r: Run) => baselines.map((b) => (r.rps / b.rps).toFixed(2)).join(" | ");
  console.log(
    `| target | req/s | p50 ms | p99 ms | errors | non-2xx | ${baselines.map((b) => `÷ ${b.label}`).join(" | ")} |`,
  );
  console.log(`|---|---|---|---|---|---|${baselines.map(() => "---|").join("")}`);
  for (const r of runs) {
    console.log(
      `| ${r.label} | ${r.rps.toFixed(1)} | ${r.p50} | ${r.p99} | ${r.errors} | ${r.non2xx} | ${ratios(r)} |`,
    );
  }
}
