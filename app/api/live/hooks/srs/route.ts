import { NextResponse, type NextRequest } from "next/server";
import { clientIp } from "@/lib/auth";
import { fromSrs, handleIngestCallback, hookAddressAllowed } from "@/lib/live";

export const dynamic = "force-dynamic";

// POST /api/live/hooks/srs — SRS HTTP callbacks. {"code":0} with 200 allows; anything else refuses the client.
export async function POST(req: NextRequest) {
  if (!hookAddressAllowed(clientIp(req.headers))) return NextResponse.json({ code: 403, reason: "address" }, { status: 403 });
  let body: unknown;
  try {
    body = await req.json();
  } catch {
    return NextResponse.json({ code: 400, reason: "not json" }, { status: 400 });
  }
  const parsed = (() => {
    try {
      return fromSrs(body);
    } catch {
      return null;
    }
  })();
  if (!parsed) return NextResponse.json({ code: 400, reason: "bad callback" }, { status: 400 });
  const decision = await handleIngestCallback(parsed);
  return decision.allow ? NextResponse.json({ code: 0 }) : NextResponse.json({ code: 403, reason: decision.reason }, { status: 403 });
}
