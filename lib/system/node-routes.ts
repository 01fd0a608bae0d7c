import "server-only";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { LiteHandler } from "../core/lite-http";
import { meRoute } from "../auth";
import { buyDropRoute, serveEventStream } from "../live";

interface RouteBase {
  method: "GET" | "POST";
  /** The path, with one capture group per name in `params`. */
  path: RegExp;
  params: string[];
}
/** A JSON route: the handler answers once (server/node-routes.ts sends it with the app's headers). */
export interface JsonNodeRoute extends RouteBase {
  handle: LiteHandler;
}
/** A streaming route: it writes to the Node response itself, for as long as it lasts (null params: a bad escape). */
export interface StreamNodeRoute extends RouteBase {
  stream: (req: IncomingMessage, res: ServerResponse, params: Record<string, string> | null) => Promise<void>;
}
export type NodeRoute = JsonNodeRoute | StreamNodeRoute;

/**
 * The routes the Node entry (server.ts) answers itself, before Next: the few that thousands of phones hit at the
 * same moment, where a full pass through Next (the proxy, the app router, a server action's machinery) would be the
 * slowest part, and the live event stream, which ten thousand viewers hold open at once (Next's per-response streaming
 * costs ~80 KB and ~100 µs per chunk per viewer). Each is also an ordinary Next route handler (app/api/…/route.ts),
 * with the same code.
 */
export const nodeRoutes: NodeRoute[] = [
  { method: "GET", path: /^\/api\/live\/([^/]+)\/events$/, params: ["id"], stream: serveEventStream },
  { method: "POST", path: /^\/api\/live\/drops\/([^/]+)\/buy$/, params: ["id"], handle: buyDropRoute },
  { method: "GET", path: /^\/api\/me$/, params: [], handle: meRoute },
];
