import { type NextRequest } from "next/server";
import { sessionCalendar } from "@/lib/live";

export const dynamic = "force-dynamic";

// GET /live/[id]/calendar.ics — a scheduled session as a calendar entry (with a reminder 10 minutes before).
export async function GET(req: NextRequest, ctx: { params: Promise<{ id: string }> }) {
  const { id } = await ctx.params;
  if (!/^live_[0-9a-z_]{1,40}$/.test(id)) return new Response("Not found", { status: 404 });
  const ics = await sessionCalendar(id, req.nextUrl.origin);
  if (!ics) return new Response("Not found", { status: 404 });
  return new Response(ics, {
    headers: {
      "content-type": "text/calendar; charset=utf-8",
      "content-disposition": `attachment; filename="${id}.ics"`,
      "cache-control": "no-store",
    },
  });
}
