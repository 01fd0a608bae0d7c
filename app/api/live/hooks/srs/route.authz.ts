import type { RoutesAuthz } from "@/e2e/authz/types";
import type * as route from "./route";

export const authz = {
  POST: {
    allow: [],
    refused: 403,
    path: () => "/api/live/hooks/srs",
    body: (f) => ({
      type: "application/json",
      data: JSON.stringify({
        action: "on_unpublish",
        client_id: "1",
        app: "live",
        stream: f.sessionOfStreamer,
        param: "",
      }),
    }),
  },
} satisfies RoutesAuthz<typeof route>;
