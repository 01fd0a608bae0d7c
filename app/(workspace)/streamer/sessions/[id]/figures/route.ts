import { defineRoute } from "@/lib/auth";
import { liveFigures } from "@/lib/live";

// GET /streamer/sessions/:id/figures — the control room's live figures (viewers, orders, revenue, per drop),
// polled with the streamer's session; another streamer's session answers 404.
export const GET = defineRoute({ access: "streamer", name: "live figures" }, async ({ viewer, params }) => {
  const figures = await liveFigures(viewer, params.id!);
  return Response.json(figures, { headers: { "Cache-Control": "private, no-store" } });
});
