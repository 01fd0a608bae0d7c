import { NextResponse } from "next/server";
import { checkHealth } from "@/lib/system";

export const dynamic = "force-dynamic";

// GET /api/health — is the database answering? 200 {"ok":true,"db":…} or 503 with the reason.
export async function GET() {
  const health = await checkHealth();
  return NextResponse.json(health, { status: health.ok ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
