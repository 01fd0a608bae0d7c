import { defineApiRoute } from "@/lib/auth";
import { pinProduct, unpinProduct } from "@/lib/live";

// POST /api/v1/sessions/:id/pin {"productId"} — pin a bag product (讲解中).
export const POST = defineApiRoute({ scope: "live:write", name: "pin" }, async ({ viewer, input, params }) =>
  pinProduct(viewer, { ...input, sessionId: params.id }),
);

// DELETE /api/v1/sessions/:id/pin — unpin.
export const DELETE = defineApiRoute({ scope: "live:write", name: "unpin" }, async ({ viewer, params }) => {
  await unpinProduct(viewer, { sessionId: params.id });
  return { ok: true };
});
