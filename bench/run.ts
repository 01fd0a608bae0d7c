/**
 * npm run bench — every benchmark, one after another (each starts and stops its own servers);
 * npm run bench -- <name> [flags] — one of them (catalog, drop-storm, drop-storm-http, fanout, ledger, reports) with its flags.
 * They run with the loader that lets plain Node import the app's server code (scripts/resolve-next.mjs).
 */
import { execFileSync } from "node:child_process";

const benches = ["catalog", "drop-storm", "drop-storm-http", "fanout", "ledger", "reports"];
const [first, ...rest] = process.argv.slice(2);
const chosen = first && benches.includes(first) ? [first] : benches;
const args = first && benches.includes(first) ? rest : process.argv.slice(2);

for (const name of chosen) {
  console.log(`\n## bench/${name}.ts`);
  execFileSync(
    process.execPath,
    ["--import", "tsx", "--import", "./scripts/resolve-next.mjs", `bench/${name}.ts`, ...args],
    { stdio: "inherit" },
  );
}
