import type { RoutesAuthz } from "@/e2e/authz/types";
import type * as route from "./route";

// A session's live events are public; the stream starts presence reporting, so it runs last.
export const authz = {
  GET: { allow: "everyone", path: (f) => `/api/live/${f.sessionOfStreamer}/events`, stream: true, runLast: true },
} satisfies RoutesAuthz<typeof route>;
