import { defineApiRoute } from "@/lib/auth";
import { listMySessions } from "@/lib/live";

// GET /api/v1/sessions — the token owner's sessions.
export const GET = defineApiRoute({ scope: "sessions:read", name: "listSessions" }, async ({ viewer }) => ({
  sessions: await listMySessions(viewer),
}));
