import { env } from "../env";

/**
 * The caller's address. Next.js fills X-Forwarded-For from the socket only when it is absent, so
 * a client can send its own. Behind N trusted proxies (TRUSTED_PROXY_HOPS=N) the Nth entry from the right
 * is the one a proxy we trust appended; with no proxy, the first entry is all there is.
 */
export function clientIp(headers: Headers, hops = env().TRUSTED_PROXY_HOPS): string {
  const list = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean);
  if (list.length === 0) return "unknown";
  const picked = hops > 0 ? list[Math.max(0, list.length - hops)] : list[0];
  return (picked ?? "unknown").slice(0, 64);
}
