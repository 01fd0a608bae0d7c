import "server-only";
import type { LiteHandler } from "../core/lite-http";
import { meRoute } from "../auth";
import { buyDropRoute } from "../live";

export interface NodeRoute {
  method: "GET" | "POST";
  /** The path, with one capture group per name in `params`. */
  path: RegExp;
  params: string[];
  handle: LiteHandler;
}

/**
 * The routes the Node entry (server.ts) answers itself, before Next: the few that thousands of phones hit at the
 * same moment, where a full pass through Next (the proxy, the app router, a server action's machinery) would be the
 * slowest part. Each is also an ordinary Next route handler (app/api/…/route.ts, via nextRoute), with the same code.
 */
export const nodeRoutes: NodeRoute[] = [
  { method: "POST", path: /^\/api\/live\/drops\/([^/]+)\/buy$/, params: ["id"], handle: buyDropRoute },
  { method: "GET", path: /^\/api\/me$/, params: [], handle: meRoute },
];
