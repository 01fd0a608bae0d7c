import type { RoutesAuthz } from "@/e2e/authz/types";
import type * as route from "./route";

export const authz = {
  GET: { allow: ["streamer"], path: (f) => `/streamer/sessions/${f.sessionOfStreamer}/figures` },
} satisfies RoutesAuthz<typeof route>;
