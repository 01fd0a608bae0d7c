/**
 * The one Node entry, for `npm run dev` and `npm start`: one process, one port. Before Next sees a request it
 * records the socket's peer address in a header it overwrites (rate limits and allowlists key on it, never on a
 * header the client chose), refuses what Next would answer with a 500 although the client is at fault, and makes
 * a database outage answer 503 + Retry-After. A few hot routes it answers itself (lib/system/node-routes.ts: the
 * live event stream, a drop purchase, the session check) with the app's own handlers. Everything else is Next's.
 *
 *   tsx server.ts [--dev] [-p PORT] [-H HOST]
 */
import http from "node:http";
import next from "next";
import { baseSecurityHeaders } from "./lib/security-headers";
import { PEER_HEADER, runWithRequestContext, trustPeerHeader } from "./lib/core/request-context";
import { poolStats } from "./lib/core/pool-stats";
import { countBody, refuse } from "./server/request-guards";
import { patchStatus } from "./server/outage";
import { matchRoute, serveRoute } from "./server/node-routes";
import { createPageCache, pageCacheKey } from "./lib/system/page-cache";

function arg(names: string[], fallback: string): string {
  const i = process.argv.findIndex((a) => names.includes(a));
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

const dev = process.argv.includes("--dev");
const port = Number(arg(["-p", "--port"], "3000"));
const hostname = arg(["-H", "--hostname"], dev ? "localhost" : "0.0.0.0");

const app = next({ dev, hostname, port });
const handle = app.getRequestHandler();
trustPeerHeader();

await app.prepare();
// The app's own code, loaded here as plain Node modules: the loader lets Node resolve what bundlers would
// (`server-only`, extensionless `next/…` subpaths). The database handle is shared with Next's copy (globalThis).
const loader = "./scripts/resolve-next.mjs"; // a variable: the hook needs no types
await import(loader);
const { nodeRoutes } = await import("./lib/system/node-routes");

const pageCache = createPageCache();

const server = http.createServer((req, res) => {
  delete req.headers[PEER_HEADER];
  req.headers[PEER_HEADER] = req.socket.remoteAddress ?? "";
  const refusal = refuse(req);
  if (refusal) {
    for (const h of baseSecurityHeaders) res.setHeader(h.key, h.value);
    res.writeHead(refusal.status, { "content-type": "application/json", "cache-control": "no-store" });
    res.end(JSON.stringify({ error: { code: refusal.code, message: refusal.message } }));
    req.resume();
    return;
  }
  const own = matchRoute(nodeRoutes, req);
  if (own) {
    patchStatus(req, res, () => 0); // a database outage answers 503 + Retry-After here too
    runWithRequestContext(() => void serveRoute(own.route, own.params, req, res));
    return;
  }
  // Anonymous visitors of the public pages get them from memory (a few seconds old at most, fresh nonce each).
  const cacheKey = dev ? null : pageCacheKey(req);
  if (cacheKey && pageCache.serve(cacheKey, req, res)) return;
  if (cacheKey) pageCache.record(cacheKey, req, res);
  const body = countBody(req);
  patchStatus(req, res, body.bytes);
  runWithRequestContext(() => void handle(req, res));
});
// A drop brings thousands of phones within seconds: let connections wait in the kernel's queue rather than be reset
// (the kernel caps this at net.core.somaxconn).
server.listen({ port, host: hostname, backlog: 4096 }, () => {
  console.log(
    `> e联富农 ready on http://${hostname === "0.0.0.0" ? "localhost" : hostname}:${port}${dev ? " (dev)" : ""}`,
  );
});

const stop = () => {
  const pool = poolStats();
  if (pool)
    console.warn(
      `[db] pool high-water mark: ${pool.highInUse} of ${pool.max} connections in use, ${pool.highWaiting} requests waiting with all in use`,
    );
  server.close(() => process.exit(0));
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
