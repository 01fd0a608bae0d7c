import { defineApiRoute } from "@/lib/auth";
import { closeDrop } from "@/lib/live";

// POST /api/v1/sessions/:id/drops/:dropId/close — close a drop early.
export const POST = defineApiRoute({ scope: "drops:write", name: "closeDrop" }, async ({ viewer, input, params }) => {
  await closeDrop(viewer, { ...input, sessionId: params.id, dropId: params.dropId });
  return { ok: true };
});
