/**
 * npm run lint — ESLint (Next's rules, typescript-eslint, drizzle, and the house rules in eslint/plugin.mjs),
 * the Prettier check, the import rules (dependency-cruiser) and one data check ESLint cannot make: both
 * locales' catalogs have the same keys. Prints one line per check and "lint: N passed, N failed".
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";

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

const flat = (o: unknown, p = ""): string[] =>
  typeof o === "object" && o ? Object.entries(o).flatMap(([k, v]) => flat(v, p ? `${p}.${k}` : k)) : [p];
const load = (locale: string) =>
  Object.fromEntries(
    fs
      .readdirSync(`messages/${locale}`)
      .map((f) => [f.replace(/\.json$/, ""), JSON.parse(fs.readFileSync(`messages/${locale}/${f}`, "utf8"))]),
  );
const zh = new Set(flat(load("zh-CN")));
const en = new Set(flat(load("en")));
checks.push({
  name: "UI text catalogs: both locales have the same keys",
  problems: [
    ...[...zh].filter((k) => !en.has(k)).map((k) => `en lacks ${k}`),
    ...[...en].filter((k) => !zh.has(k)).map((k) => `zh-CN lacks ${k}`),
  ],
});

let failed = 0;
for (const c of checks) {
  const ok = c.problems.length === 0;
  if (!ok) failed++;
  console.log(`${ok ? "✓" : "✗"} ${c.name}`);
  for (const p of c.problems) console.log(`    ${p}`);
}
console.log(`lint: ${checks.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
