import type { RoutesAuthz } from "@/e2e/authz/types";
import type * as route from "./route";

// A scheduled session's calendar entry is as public as the session's page.
export const authz = {
  GET: { allow: "everyone", path: (f) => `/live/${f.sessionOfStreamer}/calendar.ics` },
} satisfies RoutesAuthz<typeof route>;
