import { NextResponse, type NextRequest } from "next/server";
import { cronAuthorized, runSweep } from "@/lib/system";

export const dynamic = "force-dynamic";

// POST /api/cron/sweep — runs the sweep now, for external schedulers; needs `Authorization: Bearer $CRON_SECRET`.
export async function POST(req: NextRequest) {
  if (!cronAuthorized(req.headers.get("authorization"))) {
    return NextResponse.json({ error: { code: "UNAUTHENTICATED", message: "cron secret required" } }, { status: 401 });
  }
  return NextResponse.json({ ok: true, report: await runSweep() });
}
