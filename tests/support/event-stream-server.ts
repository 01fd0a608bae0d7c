/**
 * A second app instance for the two-instance test of the live event stream (server/event-stream.test.ts): its own
 * process, its own broadcaster and LISTEN connection, on the database in DATABASE_URL, answering the Node entry's
 * routes as server.ts does. Prints its port on stdout once it listens.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

const { nodeRoutes } = await import("../../lib/system/node-routes");
const { matchRoute, serveRoute } = await import("../../server/node-routes");

const server = http.createServer((req, res) => {
  const own = matchRoute(nodeRoutes, req);
  if (own) void serveRoute(own.route, own.params, req, res);
  else res.writeHead(404).end();
});
server.listen(0, "127.0.0.1", () => console.log(`port ${(server.address() as AddressInfo).port}`));
process.on("SIGTERM", () => process.exit(0));
