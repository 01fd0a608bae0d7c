import { NextResponse, type NextRequest } from "next/server";
import { errorResponse, getViewer, handlers, signOut } from "@/lib/auth";
import { AppError } from "@/lib/core/errors";

// GET /api/auth/* — Auth.js, except that /session asks the session row first: a cookie whose session was revoked
// (signed out, password changed, account suspended) reads as signed out and is cleared, not renewed.
export async function GET(req: NextRequest) {
  if (req.nextUrl.pathname.endsWith("/session") && !(await getViewer())) {
    if (req.cookies.getAll().some((c) => c.name.includes("session-token"))) await signOut({ redirect: false });
    return NextResponse.json(null, { headers: { "Cache-Control": "private, no-store" } });
  }
  return handlers.GET(req);
}

// POST /api/auth/* — Auth.js, except that a rate-limited credentials sign-in answers 429 instead of a redirect.
export async function POST(req: NextRequest) {
  const res = await handlers.POST(req);
  const location = res.headers.get("location") ?? "";
  if (req.nextUrl.pathname.endsWith("/callback/credentials") && location.includes("code=rate_limited")) {
    const limited = errorResponse(
      new AppError("RATE_LIMITED", "too many sign-in attempts", { params: { seconds: 300 }, retryAfterSeconds: 300 }),
      req,
      "auth",
    );
    return NextResponse.json(await limited.json(), { status: 429, headers: { "Retry-After": "300" } });
  }
  return res;
}
