import { defineApiRoute } from "@/lib/auth";
import { closeDrop } from "@/lib/live";
import { closeDropInput } from "@/lib/live/contract";

// POST /api/v1/sessions/:id/drops/:dropId/close — close a drop early.
export const POST = defineApiRoute(
  { scope: "drops:write", name: "closeDrop", input: closeDropInput, params: { id: "sessionId", dropId: "dropId" } },
  async ({ viewer, input }) => {
    await closeDrop(viewer, input);
    return { ok: true };
  },
);
