/**
 * npm test — every suite, one after another (the machine has 2 cores; build and browser runs are heavy):
 * lint, typecheck, unit+integration on PGlite, the same on PostgreSQL when DATABASE_URL is set, the
 * production build, then the browser journeys. Ends with one line totalling them: "N passed, N failed".
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const out = path.resolve(".ci/out");
fs.mkdirSync(out, { recursive: true });
const pgUrl = process.env.DATABASE_URL || "";
const only = new Set((process.env.TEST_ONLY ?? "").split(",").filter(Boolean));

interface Result {
  suite: string;
  passed: number;
  failed: number;
  seconds: number;
  note?: string;
}
const results: Result[] = [];

function run(cmd: string, args: string[], env: Record<string, string | undefined> = {}) {
  const r = spawnSync(cmd, args, { stdio: "inherit", env: { ...process.env, ...env } });
  return r.status ?? 1;
}

function step(suite: string, fn: () => Omit<Result, "suite" | "seconds">) {
  if (only.size && !only.has(suite.split(" ")[0]!)) return;
  console.log(`\n=== ${suite} ===`);
  const t0 = Date.now();
  const r = fn();
  const res = { suite, ...r, seconds: Math.round((Date.now() - t0) / 1000) };
  results.push(res);
  console.log(
    `--- ${suite}: ${res.passed} passed, ${res.failed} failed (${res.seconds}s)${res.note ? ` — ${res.note}` : ""}`,
  );
}

function countLines(text: string, re: RegExp) {
  return (text.match(re) ?? []).length;
}

step("lint", () => {
  const r = spawnSync("node_modules/.bin/tsx", ["scripts/lint.ts"], { encoding: "utf8" });
  process.stdout.write(r.stdout);
  process.stderr.write(r.stderr);
  return { passed: countLines(r.stdout, /^✓ /gm), failed: countLines(r.stdout, /^✗ /gm) || (r.status ? 1 : 0) };
});

step("typecheck", () => {
  const code = run("node_modules/.bin/tsc", ["--noEmit"]);
  return { passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1 };
});

function vitest(label: string, databaseUrl: string) {
  const file = path.join(out, `vitest-${label}.json`);
  fs.rmSync(file, { force: true });
  const code = run(
    "node_modules/.bin/vitest",
    ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${file}`],
    {
      DATABASE_URL: databaseUrl,
    },
  );
  if (!fs.existsSync(file)) return { passed: 0, failed: 1, note: `vitest exited ${code} without a report` };
  const report = JSON.parse(fs.readFileSync(file, "utf8"));
  const failedFiles = (report.testResults ?? []).filter(
    (f: { status: string; assertionResults: unknown[] }) => f.status === "failed" && f.assertionResults.length === 0,
  ).length;
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests + failedFiles + (code && !report.numFailedTests && !failedFiles ? 1 : 0),
  };
}

step("vitest (PGlite)", () => vitest("pglite", ""));
if (pgUrl) step("vitest (PostgreSQL)", () => vitest("postgres", pgUrl));
else console.log("\n(DATABASE_URL is not set: the PostgreSQL pass is skipped; .ci/run sets it.)");

step("build", () => {
  const code = run("node_modules/.bin/next", ["build"], { DATABASE_URL: "", NODE_ENV: "production" });
  return { passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1 };
});

step("e2e (Playwright, Chromium)", () => {
  if (results.some((r) => r.suite === "build" && r.failed)) return { passed: 0, failed: 1, note: "build failed" };
  if (run("bash", ["scripts/ensure-system-deps.sh"]) !== 0)
    return { passed: 0, failed: 1, note: "system packages missing" };
  const port = Number(process.env.E2E_PORT ?? 3210);
  for (const p of [port, port + 1]) fs.rmSync(`.data/e2e-${p}`, { recursive: true, force: true });
  fs.rmSync(`.data/e2e-nginx-${port}`, { recursive: true, force: true });
  const file = path.join(out, "playwright.json");
  fs.rmSync(file, { force: true });
  // The journeys run on embedded databases; the two-instance journey gets the PostgreSQL server (its own database).
  const code = run("node_modules/.bin/playwright", ["test"], { E2E_JSON: file, DATABASE_URL: "", E2E_PG_URL: pgUrl });
  if (!fs.existsSync(file)) return { passed: 0, failed: 1, note: `playwright exited ${code} without a report` };
  const s = JSON.parse(fs.readFileSync(file, "utf8")).stats;
  return {
    passed: s.expected + (s.flaky ?? 0),
    failed: s.unexpected + (code && !s.unexpected ? 1 : 0),
    note: s.flaky ? `${s.flaky} flaky` : undefined,
  };
});

step("audit", () => {
  const r = spawnSync("npm", ["audit", "--audit-level=high"], { encoding: "utf8" });
  const text = `${r.stdout}${r.stderr}`;
  if (/audit endpoint returned an error|ENOTFOUND|EAI_AGAIN|405/.test(text)) {
    return { passed: 0, failed: 0, note: "the registry here has no audit endpoint; see README (Security)" };
  }
  process.stdout.write(r.stdout);
  return { passed: r.status === 0 ? 1 : 0, failed: r.status === 0 ? 0 : 1 };
});

console.log("\n=== summary ===");
for (const r of results)
  console.log(
    `${r.failed ? "✗" : "✓"} ${r.suite}: ${r.passed} passed, ${r.failed} failed (${r.seconds}s)${r.note ? ` — ${r.note}` : ""}`,
  );
const passed = results.reduce((a, r) => a + r.passed, 0);
const failed = results.reduce((a, r) => a + r.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed || passed === 0 ? 1 : 0);
