import { defineApiRoute } from "@/lib/auth";
import { pinProduct, unpinProduct } from "@/lib/live";
import { pinInput, unpinInput } from "@/lib/live/contract";

// POST /api/v1/sessions/:id/pin {"productId"} — pin a bag product (讲解中).
export const POST = defineApiRoute(
  { scope: "live:write", name: "pin", input: pinInput, params: { id: "sessionId" } },
  async ({ viewer, input }) => pinProduct(viewer, input),
);

// DELETE /api/v1/sessions/:id/pin — unpin.
export const DELETE = defineApiRoute(
  { scope: "live:write", name: "unpin", input: unpinInput, params: { id: "sessionId" } },
  async ({ viewer, input }) => {
    await unpinProduct(viewer, input);
    return { ok: true };
  },
);
