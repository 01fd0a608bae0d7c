import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { baseSecurityHeaders, contentSecurityPolicy, newNonce } from "@/lib/security-headers";

/**
 * Headers only: a per-request CSP nonce, the security headers and the request path for sign-in redirects.
 * Authorization is never decided here; every page, action and route asks lib/auth itself.
 */
export function proxy(request: NextRequest) {
  const e = env();
  const nonce = newNonce();
  const mediaOrigins = [...new Set([originOf(e.LIVE_PLAYBACK_BASE), originOf(e.LIVE_REPLAY_BASE)])].filter(
    (o): o is string => Boolean(o),
  );
  const csp = contentSecurityPolicy(nonce, { dev: e.NODE_ENV === "development", mediaOrigins });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("x-pathname", request.nextUrl.pathname + request.nextUrl.search);
  requestHeaders.set("content-security-policy", csp);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  for (const h of baseSecurityHeaders) response.headers.set(h.key, h.value);
  return response;
}

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

// Uploaded images carry their own locked-down CSP (app/uploads/[name]); a page CSP here would replace it.
// A live event stream is not HTML and stays open for hours: running the proxy on it only costs memory per
// viewer. The base security headers still reach both (next.config.ts sets them on every response).
export const config = {
  matcher: ["/((?!_next/static|_next/image|images/|uploads/|favicon.ico|api/live/[^/]+/events).*)"],
};
