import { defineApiRoute } from "@/lib/auth";
import { revealPrice } from "@/lib/live";
import { pinInput } from "@/lib/live/contract";

// POST /api/v1/sessions/:id/reveal {"productId"} — reveal a hidden price.
export const POST = defineApiRoute(
  { scope: "live:write", name: "reveal", input: pinInput, params: { id: "sessionId" } },
  async ({ viewer, input }) => {
    await revealPrice(viewer, input);
    return { ok: true };
  },
);
