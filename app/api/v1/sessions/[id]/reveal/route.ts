import { defineApiRoute } from "@/lib/auth";
import { revealPrice } from "@/lib/live";

// POST /api/v1/sessions/:id/reveal {"productId"} — reveal a hidden price.
export const POST = defineApiRoute({ scope: "live:write", name: "reveal" }, async ({ viewer, input, params }) => {
  await revealPrice(viewer, { ...input, sessionId: params.id });
  return { ok: true };
});
