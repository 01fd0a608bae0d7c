import { type NextRequest } from "next/server";
import { EVENT_STREAM_HEADERS, STREAMABLE_SESSION_ID, openEventStream } from "@/lib/live";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

// GET /api/live/[id]/events — the session's Server-Sent Events (snapshot, then events; resumes with Last-Event-ID).
// The Node entry (server.ts) answers this path itself (lib/live/node-event-stream.ts); this handler serves the same
// feed when the app runs without it.
export async function GET(req: NextRequest, ctx: { params: Promise<{ id: string }> }) {
  const { id } = await ctx.params;
  if (!STREAMABLE_SESSION_ID.test(id)) return new Response("Not found", { status: 404 });
  const lastEventId = req.headers.get("last-event-id") ?? req.nextUrl.searchParams.get("lastEventId");
  const stream = await openEventStream(id, lastEventId, req.signal);
  if (!stream) return new Response("Not found", { status: 404 });
  return new Response(stream, { headers: EVENT_STREAM_HEADERS });
}
