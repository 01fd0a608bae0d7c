/** Bench helpers for the real PostgreSQL: a fresh throwaway database per run, and latency percentiles. */
import pg from "pg";

/** The server to create bench databases on (trust auth on the dev machines); BENCH_PG_URL overrides. */
export const adminUrl = () => process.env.BENCH_PG_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Creates `elian_bench_<what>_<timestamp>`; returns its URL and a function that drops it (with force). */
export async function freshDatabase(what: string): Promise<{ name: string; url: string; drop: () => Promise<void> }> {
  const name = `elian_bench_${what}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: adminUrl() });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  return {
    name,
    url: withDatabase(adminUrl(), name),
    async drop() {
      const a = new pg.Client({ connectionString: adminUrl() });
      await a.connect();
      try {
        await a.query(`drop database if exists ${name} with (force)`);
      } finally {
        await a.end();
      }
    },
  };
}

/** The p-th percentile (0–100) of a list of numbers, nearest-rank. */
export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export const median = (values: number[]) => percentile(values, 50);

/** Named flags: `--name=value` (positional arguments are ignored, so `npm run bench` can pass them to all). */
export function flag(name: string, fallback: number): number {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  const v = hit ? Number(hit.slice(name.length + 3)) : fallback;
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} must be a positive number`);
  return v;
}
