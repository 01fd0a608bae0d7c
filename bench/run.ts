/** npm run bench — every benchmark, one after another (each starts and stops its own server). */
import { execFileSync } from "node:child_process";

for (const script of ["bench/catalog.ts"]) {
  console.log(`\n## ${script}`);
  execFileSync("node_modules/.bin/tsx", [script, ...process.argv.slice(2)], { stdio: "inherit" });
}
