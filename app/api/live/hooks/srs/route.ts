import { NextResponse, type NextRequest } from "next/server";
import { normalizeError } from "@/lib/auth";
import { fromSrs, handleIngestCallback, readHookBody } from "@/lib/live";

export const dynamic = "force-dynamic";

// POST /api/live/hooks/srs[?secret=…] — SRS HTTP callbacks (JSON). {"code":0} with 200 allows; anything else
// refuses the client.
export async function POST(req: NextRequest) {
  let body: unknown;
  try {
    body = JSON.parse(await readHookBody(req, "application/json"));
  } catch (err) {
    if (err instanceof SyntaxError) return NextResponse.json({ code: 400, reason: "not json" }, { status: 400 });
    const e = normalizeError(err, "hook srs");
    return NextResponse.json(
      { code: e.status, reason: e.code === "FORBIDDEN" ? "forbidden" : e.code.toLowerCase() },
      { status: e.status },
    );
  }
  let cb;
  try {
    cb = fromSrs(body);
  } catch {
    return NextResponse.json({ code: 400, reason: "bad callback" }, { status: 400 });
  }
  const decision = await handleIngestCallback(cb);
  return decision.allow
    ? NextResponse.json({ code: 0 })
    : NextResponse.json({ code: decision.status, reason: decision.reason }, { status: decision.status });
}
