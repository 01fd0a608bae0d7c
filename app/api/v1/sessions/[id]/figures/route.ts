import { defineApiRoute } from "@/lib/auth";
import { liveFigures } from "@/lib/live";

// GET /api/v1/sessions/:id/figures — viewers, orders, revenue and per-drop units.
export const GET = defineApiRoute({ scope: "figures:read", name: "figures" }, async ({ viewer, params }) =>
  liveFigures(viewer, params.id!),
);
