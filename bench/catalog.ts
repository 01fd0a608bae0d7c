/**
 * Catalog throughput: the product page and the catalog page against a static file (/images/placeholder.svg,
 * served without the proxy) and a static route (/robots.txt, through the proxy like every page) of the same
 * server, in the same run, on the demo data with 100 copies of every product. /login, the lightest page of
 * the app, shows the floor every page pays (layout, proxy, rendering). Needs a production build first.
 * Usage: [NEXT_DIST_DIR=.next-x] npx tsx bench/catalog.ts [seconds per target]
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { distDir, freePort, load, printRuns, startServer, stopServer, timeOne, type Run } from "./lib";

const seconds = Number(process.argv[2] ?? 10);
const dataDir = ".data/bench-catalog";
const targets = [
  ["static file /images/placeholder.svg", "/images/placeholder.svg"],
  ["static route /robots.txt", "/robots.txt"],
  ["lightest page /login (floor)", "/login"],
  ["product page /products/hudun-rice", "/products/hudun-rice"],
  ["catalog /products", "/products"],
  ["search /products?q=hudun&sort=price_asc", "/products?q=hudun&sort=price_asc"],
  ["cooperative /coops/daliu-coop", "/coops/daliu-coop"],
] as const;

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
  for (const [, path] of targets) await load("warm-up", base + path, { duration: 2 });
  const runs: Run[] = [];
  for (const [label, path] of targets) runs.push(await load(label, base + path, { duration: seconds }));
  printRuns(runs, [runs[0]!, runs[1]!]);
} finally {
  stopServer(server);
}
