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
