import type { RoutesAuthz } from "@/e2e/authz/types";
import type * as route from "./route";

// The streaming server's callbacks prove the stream key; a session cookie proves nothing here.
export const authz = {
  POST: {
    allow: [],
    refused: 403,
    path: () => "/api/live/hooks/nginx-rtmp",
    body: (f) => ({
      type: "application/x-www-form-urlencoded",
      data: `call=publish_done&app=live&name=${f.sessionOfStreamer}&clientid=1&addr=127.0.0.1`,
    }),
  },
} satisfies RoutesAuthz<typeof route>;
