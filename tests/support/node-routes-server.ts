import http from "node:http";
import type { AddressInfo } from "node:net";
import { nodeRoutes } from "../../lib/system/node-routes";
import { matchRoute, serveRoute } from "../../server/node-routes";

/**
 * An HTTP server answering the routes the Node entry answers itself (lib/system/node-routes.ts), as server.ts does,
 * and 404 for everything Next would serve: for tests over real sockets. Listens on a free port of 127.0.0.1.
 */
export async function listenNodeRoutes(): Promise<{ server: http.Server; base: string }> {
  const server = http.createServer((req, res) => {
    const own = matchRoute(nodeRoutes, req);
    if (own) void serveRoute(own.route, own.params, req, res);
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}
