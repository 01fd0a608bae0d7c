import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { errorCodes, type ErrorCode } from "../lib/core/errors";
import { baseURL } from "../playwright.config";
import { act, buildActions, callAction, callFormAction, type ManifestAction } from "./actions";
import { TestApp } from "./test-app";
import { createFixtures, CRON_SECRET, signInRoles, suspend, type Sessions } from "./authz/fixtures";
import { roles, type ActionCase, type Fixtures, type Refusal, type Role, type RouteCase } from "./authz/types";

// Every server action and route handler of the build, called over HTTP as each of ten roles, against an app of its
// own on PostgreSQL (so every table can be counted). The expectation of each pair is declared once, in the
// *.authz.ts file beside the action or route; one without a declaration fails here (and does not type-check).
const serverUrl = process.env.E2E_PG_URL;
test.skip(!serverUrl, "E2E_PG_URL is not set: the matrix counts rows in its own PostgreSQL database");
test.describe.configure({ mode: "serial" });

const basePort = Number(new URL(baseURL).port);
const stripeBase = `http://127.0.0.1:${basePort + 900}`;
const REFUSAL_CODES = new Set<ErrorCode>(["UNAUTHENTICATED", "FORBIDDEN", "NOT_FOUND"]);
// A refused call still counts against its caller's rate limit (that is what a limit is for): the one table whose
// rows a refusal may add. Everything else must be exactly as it was.
const BOOKKEEPING = new Set(["rate_limits"]);

interface Check {
  kind: "action" | "route";
  label: string;
  spec: ActionCase | RouteCase;
  run: (role: Role) => Promise<{ status: number; refusal: boolean; detail: string }>;
}

function defaultRefusal(role: Role): Refusal {
  return role === "anonymous" || role === "suspended" ? 401 : 404;
}
function expectedRefusal(spec: ActionCase | RouteCase, role: Role): Refusal {
  if (typeof spec.refused === "number") return spec.refused;
  return spec.refused?.[role] ?? defaultRefusal(role);
}
const allows = (spec: ActionCase | RouteCase, role: Role) => spec.allow === "everyone" || spec.allow.includes(role);

async function declarations(file: string): Promise<Record<string, ActionCase | RouteCase> | null> {
  if (!fs.existsSync(file)) return null;
  return ((await import(path.resolve(file))) as { authz: Record<string, ActionCase | RouteCase> }).authz;
}

async function actionChecks(f: Fixtures, s: Sessions, missing: string[]): Promise<Check[]> {
  const out: Check[] = [];
  for (const a of buildActions().sort((x, y) => `${x.file}${x.name}`.localeCompare(`${y.file}${y.name}`))) {
    const spec = (await declarations(a.file.replace(/\.ts$/, ".authz.ts")))?.[a.name] as ActionCase | undefined;
    if (!spec) {
      missing.push(`action ${a.name} (${a.file}): no declaration in ${a.file.replace(/\.ts$/, ".authz.ts")}`);
      continue;
    }
    out.push({ kind: "action", label: `${a.name}`, spec, run: (role) => runAction(s[role], a, spec, f) });
  }
  return out;
}

async function runAction(c: Sessions[Role], a: ManifestAction, spec: ActionCase, f: Fixtures) {
  const input = spec.input(f);
  const path = spec.page?.(f);
  const out = spec.form
    ? await callFormAction(
        c,
        a,
        Object.entries(input).map(([k, v]) => [k, String(v)]),
        { path },
      )
    : await callAction(c, a, [input], { path });
  const code = out.result && !out.result.ok ? (out.result.code as ErrorCode) : null;
  const status = code ? errorCodes[code] : out.result?.ok ? 200 : out.http.status;
  return {
    status,
    refusal: code ? REFUSAL_CODES.has(code) : [401, 403, 404].includes(out.http.status),
    detail: code ?? `http ${out.http.status}`,
  };
}

async function routeChecks(f: Fixtures, s: Sessions, missing: string[]): Promise<Check[]> {
  const manifest = JSON.parse(
    fs.readFileSync(path.join(process.env.NEXT_DIST_DIR || ".next", "server", "app-paths-manifest.json"), "utf8"),
  ) as Record<string, string>;
  const out: Check[] = [];
  for (const key of Object.keys(manifest)
    .filter((k) => k.endsWith("/route"))
    .sort()) {
    // A metadata file (app/robots.ts, app/icon.svg) is served as the GET route /robots.txt, /icon.svg: its
    // declaration is app/<name>.authz.ts.
    const metadata = !fs.existsSync(`app${key}.ts`) ? /^\/([a-z0-9-]+)\.[a-z]+\/route$/.exec(key)?.[1] : undefined;
    const authzFile = metadata ? `app/${metadata}.authz.ts` : `app${key}.authz.ts`;
    const methods = metadata
      ? ["GET"]
      : [
          ...fs
            .readFileSync(`app${key}.ts`, "utf8")
            .matchAll(/export (?:async function|const) (GET|POST|PUT|PATCH|DELETE)\b/g),
        ].map((m) => m[1]!);
    const decl = await declarations(authzFile);
    for (const method of methods) {
      const spec = decl?.[method] as RouteCase | undefined;
      if (!spec) {
        missing.push(`route ${method} ${key}: no declaration in ${authzFile}`);
        continue;
      }
      out.push({
        kind: "route",
        label: `${method} ${key.replace(/\/route$/, "") || "/"}`,
        spec,
        run: (role) => runRoute(s[role], method, spec, f, role),
      });
    }
  }
  return out;
}

async function runRoute(c: Sessions[Role], method: string, spec: RouteCase, f: Fixtures, role: Role) {
  const body = spec.body?.(f);
  const headers: Record<string, string> = { ...(spec.headers?.(f, role) ?? {}) };
  if (method !== "GET") headers.origin ??= c.base;
  if (body) headers["content-type"] = body.type;
  const res = await c.request(method, spec.path(f), {
    headers,
    body: body?.data,
    headersOnly: spec.stream,
    timeoutMs: 20_000,
  });
  return { status: res.status, refusal: [400, 401, 403, 404].includes(res.status), detail: `http ${res.status}` };
}

let app: TestApp;
let fixtures: Fixtures;
let sessions: Sessions;

test.beforeAll(async () => {
  test.setTimeout(300_000);
  app = new TestApp(
    serverUrl!,
    basePort + 4,
    {
      CRON_SECRET,
      STRIPE_SECRET_KEY: "sk_test_authz",
      STRIPE_WEBHOOK_SECRET: "whsec_authz",
      STRIPE_PUBLISHABLE_KEY: "pk_test_authz",
      STRIPE_API_BASE: stripeBase,
    },
    "authz",
  );
  await app.start();
  sessions = await signInRoles(app);
  fixtures = await createFixtures(app, sessions);
  await suspend(app, sessions);
});

test.afterAll(async () => {
  await app?.stop();
});

/** A concrete URL for a page route of the build, its dynamic segments filled from the fixtures. */
function pageUrl(route: string, f: Fixtures): string | null {
  const path = route.replace(/\/page$/, "").replace(/\/\([^)]+\)/g, "") || "/";
  if (path.startsWith("/_")) return null;
  const fill: Record<string, string> = {
    "/categories/[category]": "/categories/grain",
    "/coops/[slug]": "/coops/daliu-coop",
    "/group-buys/[id]": `/group-buys/${f.campaignA}`,
    "/live/[id]/overlay": `/live/${f.sessionOfStreamer}/overlay`,
    "/live/[id]": `/live/${f.sessionOfStreamer}`,
    "/orders/[number]": `/orders/${f.orderA}`,
    "/products/[slug]": "/products/hudun-rice",
    "/stations/[slug]": "/stations/huimin-daliu",
    "/teams/[id]": `/teams/${f.teamA}`,
    // Links whose token is unknown: the pages say so, and write nothing.
    "/invite/[token]": "/invite/matrixUnknownInvitationToken0123456789abcde",
    "/reset-password/[token]": "/reset-password/matrixUnknownResetToken0123456789abcdefghij",
    "/verify-email/[token]": "/verify-email/matrixUnknownVerifyToken0123456789abcdefghi",
    "/coop/pick-lists/[day]": `/coop/pick-lists/${f.day}`,
    "/coop/products/[id]": `/coop/products/${f.productA}`,
    "/coop/stock/[variantId]": `/coop/stock/${f.variantA}`,
    "/coop/team-deals/[id]": `/coop/team-deals/${f.teamDealA}`,
    "/streamer/sessions/[id]/control": `/streamer/sessions/${f.sessionOfStreamer}/control`,
    "/streamer/sessions/[id]/report": `/streamer/sessions/${f.sessionOfStreamer}/report`,
    "/coop/reports/sessions/[id]": `/coop/reports/sessions/${f.sessionOfStreamer}`,
    "/streamer/sessions/[id]": `/streamer/sessions/${f.sessionOfStreamer}`,
    "/streamer/agreements/[id]": `/streamer/agreements/${f.agreementOfStreamer}`,
    "/coop/agreements/[id]": `/coop/agreements/${f.agreementOfStreamer}`,
    "/admin/applications/[id]": `/admin/applications/${f.applicationOfBuyer}`,
  };
  if (path.includes("[")) return fill[path] ?? `unfilled:${path}`;
  return path;
}

test("[GET] rendering any page writes nothing, for its owner or anyone else — even with a guest cart left behind a cookie", async () => {
  test.setTimeout(300_000);
  const manifest = JSON.parse(
    fs.readFileSync(path.join(process.env.NEXT_DIST_DIR || ".next", "server", "app-paths-manifest.json"), "utf8"),
  ) as Record<string, string>;
  const urls = Object.keys(manifest)
    .filter((k) => k.endsWith("/page"))
    .map((k) => pageUrl(k, fixtures))
    .filter((u): u is string => u !== null);
  expect(
    urls.filter((u) => u.startsWith("unfilled:")),
    "pages the test cannot fill in",
  ).toEqual([]);
  // The buyer still carries a guest cart's cookie (a sign-in made elsewhere): reading must not merge it.
  const guest = app.client();
  await act(guest, "app/(shop)/cart/actions.ts", "addToCartAction", { variantId: fixtures.variantA, quantity: 1 });
  const guestCookie = [...guest.jar].find(([k]) => k.includes("cart"));
  if (guestCookie) sessions.buyer.jar.set(...guestCookie);
  const writes: string[] = [];
  for (const role of ["anonymous", "buyer", "coopA", "streamer", "stationS1", "admin"] as const) {
    for (const url of urls) {
      const before = await app.rowCounts();
      const res = await sessions[role].get(url);
      const after = await app.rowCounts();
      if (res.status >= 500) writes.push(`${url} as ${role}: ${res.status}`);
      const changed = Object.keys(after).filter((t) => after[t] !== before[t] && !BOOKKEEPING.has(t));
      if (changed.length)
        writes.push(`${url} as ${role}: wrote ${changed.map((t) => `${t} ${before[t]}→${after[t]}`).join(", ")}`);
    }
  }
  console.log(`GET pages: ${urls.length} pages × 6 roles read, ${writes.length} wrote`);
  expect(writes, writes.join("\n")).toEqual([]);
});

// Last: its final calls sign every role out and open event streams.
test("[AUTHZ] every action and route handler, as each of ten roles: allowed ones pass, refused ones say 401/403/404 and write nothing", async () => {
  test.setTimeout(900_000);
  const missing: string[] = [];
  const checks = [
    ...(await routeChecks(fixtures, sessions, missing)),
    ...(await actionChecks(fixtures, sessions, missing)),
  ];
  const actions = checks.filter((c) => c.kind === "action").length;
  const routes = checks.length - actions;
  console.log(
    `authorization matrix: ${actions} actions + ${routes} route methods = ${checks.length} × ${roles.length} roles = ${checks.length * roles.length} checks`,
  );
  const problems: string[] = [...missing];
  let refusedChecked = 0;

  // 1. Every refusal first, while nothing else writes: each must answer as declared and leave every table as it was.
  for (const check of checks) {
    for (const role of roles.filter((r) => !allows(check.spec, r))) {
      const before = await app.rowCounts();
      const got = await check.run(role);
      const after = await app.rowCounts();
      const want = expectedRefusal(check.spec, role);
      refusedChecked++;
      if (got.status !== want)
        problems.push(`${check.label} as ${role}: expected ${want}, got ${got.status} (${got.detail})`);
      const changed = Object.keys(after).filter((t) => after[t] !== before[t] && !BOOKKEEPING.has(t));
      if (changed.length)
        problems.push(
          `${check.label} as ${role}: refused, yet wrote to ${changed.map((t) => `${t} ${before[t]}→${after[t]}`).join(", ")}`,
        );
    }
  }
  // 2. Then the allowed callers: past authorization (not 401/403/404) and never a server error. Calls that consume
  // their fixture go after the rest, and signing out and opening a stream last of all.
  const phase = (c: Check) => (c.spec.runLast ? 2 : c.spec.destructive ? 1 : 0);
  let allowedChecked = 0;
  const allowedSeen = new Map<string, string[]>();
  for (const p of [0, 1, 2]) {
    for (const check of checks.filter((c) => phase(c) === p)) {
      for (const role of roles.filter((r) => allows(check.spec, r))) {
        const got = await check.run(role);
        allowedChecked++;
        allowedSeen.set(check.label, [...(allowedSeen.get(check.label) ?? []), `${role}:${got.detail}`]);
        if (got.refusal || got.status >= 500)
          problems.push(`${check.label} as ${role}: allowed, yet got ${got.status} (${got.detail})`);
      }
    }
  }
  for (const [label, seen] of allowedSeen) console.log(`  allowed ${label}: ${seen.join(" ")}`);
  console.log(
    `authorization matrix: ${refusedChecked} refusals (each with every table's row count before and after) + ${allowedChecked} allowed calls`,
  );
  expect(problems, problems.join("\n")).toEqual([]);
  expect(refusedChecked + allowedChecked).toBe(checks.length * roles.length);
});
