import { defineApiRoute } from "@/lib/auth";
import { openDrop } from "@/lib/live";

// POST /api/v1/sessions/:id/drops {"variantId","price":"49.90","quantityCap","perBuyerLimit","durationSeconds"} — open a drop.
export const POST = defineApiRoute({ scope: "drops:write", name: "openDrop" }, async ({ viewer, input, params }) =>
  openDrop(viewer, { ...input, sessionId: params.id }),
);
