import { type NextRequest } from "next/server";
import { openEventStream } from "@/lib/live";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// GET /api/live/[id]/events — the session's Server-Sent Events (snapshot, then events; resumes with Last-Event-ID).
export async function GET(req: NextRequest, ctx: { params: Promise<{ id: string }> }) {
  const { id } = await ctx.params;
  if (!/^live_[0-9a-z]{16}$|^live_demo_[a-z0-9_]+$/.test(id)) return new Response("Not found", { status: 404 });
  const lastEventId = req.headers.get("last-event-id") ?? req.nextUrl.searchParams.get("lastEventId");
  const stream = await openEventStream(id, lastEventId, req.signal);
  if (!stream) return new Response("Not found", { status: 404 });
  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "private, no-cache, no-store, no-transform",
      "X-Accel-Buffering": "no",
      Connection: "keep-alive",
    },
  });
}
