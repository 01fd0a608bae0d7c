/**
 * Catalog throughput: the product page and the catalog page against a static file (/images/placeholder.svg,
 * served without the proxy) and a static route (/robots.txt, through the proxy like every page) of the same
 * server, in the same run, on the demo data with 100 copies of every product. /login, the lightest page of
 * the app, shows the floor every page pays (layout, proxy, rendering). Needs a production build first.
 * Usage: [NEXT_DIST_DIR=.next-x] npx tsx bench/catalog.ts [seconds per target]
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { gzipSync } from "node:zlib";
import { distDir, freePort, load, printRuns, startServer, stopServer, timeOne, type Run } from "./lib";

const seconds = Number(process.argv[2] ?? 10);
const dataDir = ".data/bench-catalog";
const targets = [
  ["static file /images/placeholder.svg", "/images/placeholder.svg"],
  ["static route /robots.txt", "/robots.txt"],
  ["lightest page /login (floor)", "/login"],
  ["product page /products/hudun-rice", "/products/hudun-rice"],
  ["home /", "/"],
  ["catalog /products", "/products"],
  ["search /products?q=hudun&sort=price_asc", "/products?q=hudun&sort=price_asc"],
  ["cooperative /coops/daliu-coop", "/coops/daliu-coop"],
  ["stations /stations", "/stations"],
  ["live /live", "/live"],
] as const;
/** The public pages the cache target applies to: ≥ 0.7 × /robots.txt, p99 ≤ 50 ms. */
const cachedTargets = new Set(["/products/hudun-rice", "/", "/products", "/coops/daliu-coop", "/stations", "/live"]);

/**
 * Every script file a page's HTML loads (what a first visit downloads), raw and gzip-compressed. `noModule` scripts
 * (Next's legacy polyfills) are left out: browsers that run modules never fetch them.
 */
async function firstLoadJs(base: string, path: string): Promise<{ files: number; raw: number; gzip: number }> {
  const html = await (await fetch(base + path)).text();
  const tags = [...html.matchAll(/<script[^>]+src="([^"]+)"[^>]*>/g)].filter((m) => !/\snoModule/i.test(m[0]));
  const srcs = [...new Set(tags.map((m) => m[1]!))];
  let raw = 0;
  let gzip = 0;
  for (const src of srcs) {
    const body = Buffer.from(await (await fetch(new URL(src.replaceAll("&amp;", "&"), base))).arrayBuffer());
    raw += body.length;
    gzip += gzipSync(body).length;
  }
  return { files: srcs.length, raw, gzip };
}

const dist = distDir();
fs.rmSync(dataDir, { recursive: true, force: true });
execFileSync("node_modules/.bin/tsx", ["bench/seed-catalog.ts", `${dataDir}/pglite`], { stdio: "inherit" });
const port = await freePort();
const server = await startServer(port, {
  NEXT_DIST_DIR: dist,
  DATA_DIR: dataDir,
  DATABASE_URL: "",
  SEED_DEMO: "0",
  SWEEP_INTERVAL_SECONDS: "0",
  LOG_LEVEL: "warn",
});
try {
  const base = `http://127.0.0.1:${port}`;
  console.log(`build ${dist}, port ${port}, ${seconds} s per target, 10 connections`);
  console.log("first request of each page after the start (route code loads, nothing memoized yet):");
  for (const [label, path] of targets.slice(3)) {
    const { ms, status } = await timeOne(base + path);
    console.log(`  ${label}: ${ms.toFixed(0)} ms (${status})`);
  }
  const js = await firstLoadJs(base, "/products/hudun-rice");
  console.log(
    `first-load JavaScript of /products/hudun-rice: ${js.files} files, ${(js.raw / 1024).toFixed(0)} KB, ${(js.gzip / 1024).toFixed(1)} KB gzip (target ≤ 150 KB gzip: ${js.gzip <= 150 * 1024 ? "met" : "MISSED"})`,
  );
  for (const [, path] of targets) await load("warm-up", base + path, { duration: 2 });
  const runs: Run[] = [];
  for (const [label, path] of targets) runs.push(await load(label, base + path, { duration: seconds }));
  printRuns(runs, [runs[0]!, runs[1]!]);
  const robots = runs[1]!;
  console.log("\npublic pages from the cache (target ≥ 0.7 × /robots.txt, p99 ≤ 50 ms):");
  for (const [i, [, path]] of targets.entries()) {
    if (!cachedTargets.has(path)) continue;
    const r = runs[i]!;
    const ratio = r.rps / robots.rps;
    console.log(
      `  ${path}: ${ratio.toFixed(2)} × /robots.txt, p99 ${r.p99} ms → ${ratio >= 0.7 && r.p99 <= 50 ? "met" : "MISSED"}`,
    );
  }
} finally {
  stopServer(server);
}
