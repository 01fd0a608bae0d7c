import { AppError } from "../core/errors";

/**
 * CSRF guard for state-changing requests: a browser always sends Origin on such requests, and modern ones
 * send Sec-Fetch-Site. Cross-site, "null" (sandboxed iframes) and mismatched origins are refused.
 */
export function assertSameOrigin(headers: Headers): void {
  const site = headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") {
    throw new AppError("FORBIDDEN", `cross-site request refused (sec-fetch-site: ${site})`);
  }
  const origin = headers.get("origin");
  if (origin === null) {
    if (site === "same-origin") return;
    throw new AppError("FORBIDDEN", "missing Origin header");
  }
  const host = headers.get("x-forwarded-host") ?? headers.get("host");
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw new AppError("FORBIDDEN", `unparseable Origin ${origin.slice(0, 64)}`);
  }
  if (!host || originHost !== host) throw new AppError("FORBIDDEN", `foreign Origin ${origin.slice(0, 64)}`);
}

/** This site's origin for links sent elsewhere (Stripe's return URLs): AUTH_URL when set, else the request's host. */
export function siteOrigin(headers: Headers, configured?: string): string {
  if (configured) return new URL(configured).origin;
  const host = headers.get("x-forwarded-host") ?? headers.get("host") ?? "localhost:3000";
  const proto =
    headers.get("x-forwarded-proto") ??
    (host.startsWith("localhost") || host.startsWith("127.0.0.1") ? "http" : "https");
  return `${proto.split(",")[0]}://${host}`;
}
