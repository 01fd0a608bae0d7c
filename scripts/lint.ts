/**
 * npm run lint — ESLint (Next's rules, typescript-eslint, drizzle, and the house rules in eslint/plugin.mjs),
 * the Prettier check and the import rules (dependency-cruiser). Prints one line per check and
 * "lint: N passed, N failed". The message catalogs are checked by `tsc` (typed keys, i18n/app-config.ts) and by
 * lib/i18n/catalog.test.ts (same keys and arguments in both locales, every message formats).
 */
import { spawnSync } from "node:child_process";

type Check = { name: string; problems: string[] };
const checks: Check[] = [];

function tool(name: string, cmd: string, args: string[], keep: (line: string) => boolean) {
  const r = spawnSync(cmd, args, { encoding: "utf8" });
  const out = `${r.stdout}${r.stderr}`;
  checks.push({
    name,
    problems:
      r.status === 0
        ? []
        : out
            .split("\n")
            .filter(keep)
            .slice(0, 40)
            .concat(out.trim() ? [] : [`exit ${r.status}`]),
  });
}

tool(
  "ESLint (next, typescript-eslint, drizzle, house rules)",
  "node_modules/.bin/eslint",
  [".", "--max-warnings=0"],
  (l) => l.trim().length > 0,
);
tool("Prettier (printWidth 120)", "node_modules/.bin/prettier", ["--check", "."], (l) => l.includes("[warn]"));
tool(
  "import rules (dependency-cruiser)",
  "node_modules/.bin/depcruise",
  [
    "--config",
    ".dependency-cruiser.cjs",
    "--output-type",
    "err",
    "lib",
    "app",
    "components",
    "proxy.ts",
    "i18n",
    "instrumentation.ts",
    "server.ts",
    "server",
  ],
  (l) => l.includes("error "),
);

let failed = 0;
for (const c of checks) {
  const ok = c.problems.length === 0;
  if (!ok) failed++;
  console.log(`${ok ? "✓" : "✗"} ${c.name}`);
  for (const p of c.problems) console.log(`    ${p}`);
}
console.log(`lint: ${checks.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
