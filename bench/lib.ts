/** Shared pieces of the benchmarks: a server in its own process group, and autocannon runs. */
import { spawn, type ChildProcess } from "node:child_process";
import autocannon from "autocannon";

export interface Run {
  label: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

export async function startServer(port: number, env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn("node_modules/.bin/next", ["start", "-p", String(port), "-H", "127.0.0.1"], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true, // own process group: killing it stops next-server too
  });
  child.stderr?.on("data", (d) => process.stderr.write(d));
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (r.ok) return child;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  stopServer(child);
  throw new Error("server did not start");
}

export function stopServer(child: ChildProcess) {
  try {
    process.kill(-child.pid!, "SIGTERM");
  } catch {
    /* already gone */
  }
}

export async function load(label: string, url: string, opts: { connections?: number; duration?: number } = {}): Promise<Run> {
  const r = await autocannon({ url, connections: opts.connections ?? 10, duration: opts.duration ?? 10 });
  return { label, rps: r.requests.average, p50: r.latency.p50, p99: r.latency.p99, errors: r.errors, non2xx: r.non2xx };
}

export function printRuns(runs: Run[], baseline: Run) {
  console.log("| target | req/s | p50 ms | p99 ms | errors | non-2xx | ratio to baseline |");
  console.log("|---|---|---|---|---|---|---|");
  for (const r of runs) {
    console.log(`| ${r.label} | ${r.rps.toFixed(1)} | ${r.p50} | ${r.p99} | ${r.errors} | ${r.non2xx} | ${(r.rps / baseline.rps).toFixed(2)} |`);
  }
}
