/**
 * A second app instance for the two-instance test of the live event stream (server/event-stream.test.ts): its own
 * process, its own broadcaster and LISTEN connection, on the database in DATABASE_URL, answering the Node entry's
 * routes as server.ts does. Prints its port on stdout once it listens.
 */
import { listenNodeRoutes } from "./node-routes-server";

const { base } = await listenNodeRoutes();
console.log(`port ${new URL(base).port}`);
process.on("SIGTERM", () => process.exit(0));
