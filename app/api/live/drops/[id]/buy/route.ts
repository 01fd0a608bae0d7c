import { nextRoute } from "@/lib/core/lite-http";
import { buyDropRoute } from "@/lib/live";

export const dynamic = "force-dynamic";

// POST /api/live/drops/[id]/buy — see lib/live/drop-purchase-route.ts. The Node entry (server.ts) answers it
// before Next; this handler serves it wherever the app runs without that entry.
export const POST = nextRoute(buyDropRoute);
