import { nextRoute } from "@/lib/core/lite-http";
import { meRoute } from "@/lib/auth";

export const dynamic = "force-dynamic";

// GET /api/me — see lib/auth/me-route.ts (answered by the Node entry before Next, like the drop purchase).
export const GET = nextRoute(meRoute);
