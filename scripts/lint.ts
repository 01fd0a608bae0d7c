/**
 * npm run lint — the import rules (dependency-cruiser) plus the house rules a linter cannot see:
 * process.env only in lib/env.ts, no sql.raw or dangerouslySetInnerHTML, server-only doors.
 * Prints one line per check and "lint: N passed, N failed".
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

type Check = { name: string; problems: string[] };
const checks: Check[] = [];

function files(dir: string, exts = [".ts", ".tsx"]): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return d.name === "node_modules" ? [] : files(p, exts);
    return exts.some((e) => p.endsWith(e)) ? [p] : [];
  });
}

const source = [...files("lib"), ...files("app"), ...files("components"), "proxy.ts", "instrumentation.ts", ...files("i18n")].filter(
  (f) => !f.endsWith(".test.ts") && !f.endsWith("test-db.ts"),
);
const read = (f: string) => fs.readFileSync(f, "utf8");

function check(name: string, fn: () => string[]) {
  checks.push({ name, problems: fn() });
}

check("import rules (dependency-cruiser)", () => {
  try {
    execFileSync("node_modules/.bin/depcruise", ["--config", ".dependency-cruiser.cjs", "--output-type", "err", "lib", "app", "components", "proxy.ts", "i18n", "instrumentation.ts", "server.ts", "server"], {
      stdio: "pipe",
      encoding: "utf8",
    });
    return [];
  } catch (err) {
    const out = String((err as { stdout?: string }).stdout ?? err);
    return out.split("\n").filter((l) => l.includes("error "));
  }
});

check("process.env is read only in lib/env.ts", () =>
  // instrumentation.ts: Next needs the literal process.env.NEXT_RUNTIME check to keep Node code out of the edge build.
  source.filter((f) => f !== path.join("lib", "env.ts") && f !== "instrumentation.ts" && /process\.env/.test(read(f))),
);

check("no sql.raw (use sql`…` with parameters)", () => source.filter((f) => /sql\.raw\(/.test(read(f))));

check("no dangerouslySetInnerHTML", () => source.filter((f) => /dangerouslySetInnerHTML/.test(read(f))));

check('server doors start with import "server-only"', () =>
  source.filter((f) => {
    const isDoor = /^lib\/[^/]+\/index\.ts$/.test(f) || /^lib\/(db\/client|auth\/next-auth)\.ts$/.test(f);
    return isDoor && !read(f).startsWith('import "server-only";');
  }),
);

check("contracts stay client-safe (no server-only, no lib/db)", () =>
  files("lib").filter((f) => /contract(-[\w-]+)?\.ts$/.test(f) && /server-only|from "\.\.\/db"|from "\.\/queries"/.test(read(f))),
);

check("UI text goes through the catalogs (both locales have the same keys)", () => {
  const flat = (o: unknown, p = ""): string[] =>
    typeof o === "object" && o ? Object.entries(o).flatMap(([k, v]) => flat(v, p ? `${p}.${k}` : k)) : [p];
  const load = (locale: string) =>
    Object.fromEntries(fs.readdirSync(`messages/${locale}`).map((f) => [f.replace(/\.json$/, ""), JSON.parse(read(`messages/${locale}/${f}`))]));
  const zh = new Set(flat(load("zh-CN")));
  const en = new Set(flat(load("en")));
  return [...[...zh].filter((k) => !en.has(k)).map((k) => `en lacks ${k}`), ...[...en].filter((k) => !zh.has(k)).map((k) => `zh-CN lacks ${k}`)];
});

check("client components read only namespaces sent to the browser (CLIENT_NAMESPACES)", () => {
  const listed = /CLIENT_NAMESPACES = \[([^\]]*)\]/.exec(read("lib/i18n/messages.ts"))?.[1] ?? "";
  const allowed = new Set([...listed.matchAll(/"([A-Za-z]+)"/g)].map((m) => m[1]));
  return [...files("app"), ...files("components")]
    .filter((f) => read(f).startsWith('"use client"'))
    .flatMap((f) => [...read(f).matchAll(/useTranslations\("([A-Za-z]+)"\)/g)].filter((m) => !allowed.has(m[1]!)).map((m) => `${f}: ${m[1]}`));
});

let failed = 0;
for (const c of checks) {
  const ok = c.problems.length === 0;
  if (!ok) failed++;
  console.log(`${ok ? "✓" : "✗"} ${c.name}`);
  for (const p of c.problems.slice(0, 20)) console.log(`    ${p}`);
}
console.log(`lint: ${checks.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
