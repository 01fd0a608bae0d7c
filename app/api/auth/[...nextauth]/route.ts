import { NextResponse, type NextRequest } from "next/server";
import { handlers } from "@/lib/auth";
import { errorResponse } from "@/lib/auth";
import { AppError } from "@/lib/core/errors";

export const { GET } = handlers;

// POST /api/auth/* — Auth.js, except that a rate-limited credentials sign-in answers 429 instead of a redirect.
export async function POST(req: NextRequest) {
  const res = await handlers.POST(req);
  const location = res.headers.get("location") ?? "";
  if (req.nextUrl.pathname.endsWith("/callback/credentials") && location.includes("code=rate_limited")) {
    const limited = errorResponse(new AppError("RATE_LIMITED", "too many sign-in attempts", { params: { seconds: 300 }, retryAfterSeconds: 300 }), req, "auth");
    return NextResponse.json(await limited.json(), { status: 429, headers: { "Retry-After": "300" } });
  }
  return res;
}
