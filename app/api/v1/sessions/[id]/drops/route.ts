import { defineApiRoute } from "@/lib/auth";
import { openDrop } from "@/lib/live";
import { openDropInput } from "@/lib/live/contract";

// POST /api/v1/sessions/:id/drops {"variantId","price":"49.90","quantityCap","perBuyerLimit","durationSeconds"} — open a drop.
export const POST = defineApiRoute(
  { scope: "drops:write", name: "openDrop", input: openDropInput, params: { id: "sessionId" } },
  async ({ viewer, input }) => openDrop(viewer, input),
);
