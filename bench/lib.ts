/** Shared pieces of the benchmarks: a free port, a server in its own process group, autocannon runs. */
import { spawn, type ChildProcess } from "node:child_process";
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
  if (!fs.existsSync(path.join(dir, "BUILD_ID"))) throw new Error(`no production build in ${dir}: run \`NEXT_DIST_DIR=${dir} npx next build\` first`);
  return dir;
}

export async function startServer(port: number, env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn("node_modules/.bin/next", ["start", "-p", String(port), "-H", "127.0.0.1"], {
    env: { ...process.env, ...env },
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

/** Milliseconds of one request, and its status: for the first (cold) request of a page. */
export async function timeOne(url: string): Promise<{ ms: number; status: number }> {
  const start = performance.now();
  const res = await fetch(url);
  await res.arrayBuffer();
  return { ms: performance.now() - start, status: res.status };
}

export async function load(label: string, url: string, opts: { connections?: number; duration?: number } = {}): Promise<Run> {
  const r = await autocannon({ url, connections: opts.connections ?? 10, duration: opts.duration ?? 10 });
  return { label, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors, non2xx: r.non2xx };
}

/** A markdown table; one ratio column per baseline (runs of the same server in the same session). */
export function printRuns(runs: Run[], baselines: Run[]) {
  const ratios = (r: Run) => baselines.map((b) => (r.rps / b.rps).toFixed(2)).join(" | ");
  console.log(`| target | req/s | p50 ms | p99 ms | errors | non-2xx | ${baselines.map((b) => `÷ ${b.label}`).join(" | ")} |`);
  console.log(`|---|---|---|---|---|---|${baselines.map(() => "---|").join("")}`);
  for (const r of runs) {
    console.log(`| ${r.label} | ${r.rps.toFixed(1)} | ${r.p50} | ${r.p99} | ${r.errors} | ${r.non2xx} | ${ratios(r)} |`);
  }
}
