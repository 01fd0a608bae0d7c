/**
 * The fan-out bench's second baseline (--next-floor): the smallest Next app that streams Server-Sent Events
 * from a route handler, built with the same Next into .data/bench-next-floor. GET /api/s holds a stream open
 * (the route returns a ReadableStream with the same headers as the app's /api/live/[id]/events: no-transform
 * keeps next start from gzipping it); POST /api/b?bytes=N enqueues
 * one N-byte frame, encoded once, on every open stream. What it costs per viewer is Next's own share: a route
 * handler's request, the response body pipe, the per-chunk web-streams machinery.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export const floorDir = ".data/bench-next-floor";

const files: Record<string, string> = {
  "package.json": `{ "name": "bench-next-floor", "private": true }\n`,
  "next.config.mjs": `export default { poweredByHeader: false };\n`,
  // Its own (empty) instrumentation: without one, the build picks up the repository's (database, sweep timer).
  "instrumentation.ts": `export function register() {}\n`,
  "app/layout.tsx": `export default function RootLayout({ children }: { children: React.ReactNode }) {\n  return <html><body>{children}</body></html>;\n}\n`,
  "app/api/health/route.ts": `export const dynamic = "force-dynamic";\nexport function GET() {\n  return Response.json({ ok: true });\n}\n`,
  "app/api/s/route.ts": `const g = globalThis as typeof globalThis & { __c?: Set<ReadableStreamDefaultController<Uint8Array>> };
const clients = (g.__c ??= new Set());
export const dynamic = "force-dynamic";
export async function GET(req: Request) {
  let ctl: ReadableStreamDefaultController<Uint8Array>;
  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      ctl = c;
      clients.add(c);
      c.enqueue(new TextEncoder().encode("retry: 2000\\n\\nid: 0\\nevent: snapshot\\ndata: {}\\n\\n"));
    },
    cancel() {
      clients.delete(ctl);
    },
  });
  req.signal.addEventListener("abort", () => {
    clients.delete(ctl);
    try {
      ctl.close();
    } catch {}
  });
  return new Response(stream, { headers: { "Content-Type": "text/event-stream; charset=utf-8", "Cache-Control": "private, no-cache, no-store, no-transform" } });
}
`,
  "app/api/b/route.ts": `const g = globalThis as typeof globalThis & { __c?: Set<ReadableStreamDefaultController<Uint8Array>> };
let id = 0;
export const dynamic = "force-dynamic";
export async function POST(req: Request) {
  const bytes = Number(new URL(req.url).searchParams.get("bytes") ?? 100);
  const head = \`id: \${++id}\\nevent: pinned\\ndata: "\`;
  const frame = new TextEncoder().encode(head + "x".repeat(Math.max(0, bytes - head.length - 3)) + '"\\n\\n');
  for (const c of g.__c ?? []) c.enqueue(frame);
  return new Response(null, { status: 204 });
}
`,
};

/** Writes the app (when changed) and builds it once; returns its directory. */
export function buildNextFloor(): string {
  let changed = !fs.existsSync(path.join(floorDir, ".next", "BUILD_ID"));
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(floorDir, name);
    if (fs.existsSync(file) && fs.readFileSync(file, "utf8") === text) continue;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    changed = true;
  }
  if (changed) {
    console.log(`building the Next floor app in ${floorDir} …`);
    // The tsconfig.json Next writes on the first build makes the next one pick up the repository's proxy.ts.
    for (const f of ["tsconfig.json", "next-env.d.ts"]) fs.rmSync(path.join(floorDir, f), { force: true });
    try {
      execFileSync(path.resolve("node_modules/.bin/next"), ["build"], {
        cwd: floorDir,
        stdio: "pipe",
        env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NEXT_DIST_DIR: "" },
      });
    } catch (err) {
      process.stderr.write(
        String((err as { stdout?: Buffer }).stdout ?? "") + String((err as { stderr?: Buffer }).stderr ?? ""),
      );
      throw new Error("the Next floor app did not build");
    }
  }
  return floorDir;
}
