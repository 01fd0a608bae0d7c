import type { NextRequest } from "next/server";
import { getViewer } from "@/lib/auth";
import { confirmTeamReturn, getTeamView } from "@/lib/group-buys";

export const dynamic = "force-dynamic";

const SESSION = /^cs_[A-Za-z0-9_]{1,200}$/;
// A relative Location: the browser stays on the host it came back to (the one its session cookie belongs to).
const seeOther = (path: string) =>
  new Response(null, { status: 303, headers: { Location: path, "Cache-Control": "no-store" } });

// GET /teams/:id/paid?session_id=cs_… — back from Checkout to a team: the member's session is applied now and the
// team brought along, then the team page is shown (which only reads). Only the caller's own seat is touched.
export async function GET(req: NextRequest, ctx: { params: Promise<{ id: string }> }) {
  const { id } = await ctx.params;
  const sessionId = req.nextUrl.searchParams.get("session_id") ?? "";
  const viewer = await getViewer();
  if (!viewer) return seeOther(`/login?callbackUrl=${encodeURIComponent(`/teams/${id}/paid?session_id=${sessionId}`)}`);
  const view = SESSION.test(sessionId) ? await getTeamView(viewer, id) : null;
  if (view?.mine) {
    await confirmTeamReturn(viewer, view.mine.orderNumber, sessionId).catch((err: unknown) =>
      console.warn("[teams] return from checkout:", (err as Error).message),
    );
  }
  return seeOther(`/teams/${encodeURIComponent(id)}?returned=1`);
}
