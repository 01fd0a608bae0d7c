/**
 * Catalog throughput: the product page and the catalog page against a static route (/robots.txt) of the same
 * server, in the same run, on the demo data ×100 products. Needs `npm run build` first.
 * Usage: npx tsx bench/catalog.ts [seconds]
 */
import fs from "node:fs";
import { execFileSync } from "node:child_process";
import { load, printRuns, startServer, stopServer } from "./lib";

const seconds = Number(process.argv[2] ?? 10);
const dataDir = ".data/bench-catalog";
const port = 3401;

fs.rmSync(dataDir, { recursive: true, force: true });
execFileSync("node_modules/.bin/tsx", ["bench/seed-catalog.ts", `${dataDir}/pglite`], { stdio: "inherit" });
const server = await startServer(port, { DATA_DIR: dataDir, DATABASE_URL: "", SWEEP_INTERVAL_SECONDS: "0", LOG_LEVEL: "warn" });
try {
  const base = `http://127.0.0.1:${port}`;
  for (const path of ["/robots.txt", "/products/hudun-rice", "/products", "/products?q=hudun&sort=price_asc"]) await fetch(base + path); // warm up
  const baseline = await load("static /robots.txt (baseline)", `${base}/robots.txt`, { duration: seconds });
  const runs = [
    baseline,
    await load("product page /products/hudun-rice", `${base}/products/hudun-rice`, { duration: seconds }),
    await load("catalog /products", `${base}/products`, { duration: seconds }),
    await load("search /products?q=hudun&sort=price_asc", `${base}/products?q=hudun&sort=price_asc`, { duration: seconds }),
  ];
  printRuns(runs, baseline);
} finally {
  stopServer(server);
}
