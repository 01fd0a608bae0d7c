import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { BlockList, isIP } from "node:net";
import { clientIp, readTextLimited } from "../auth";
import { AppError } from "../core/errors";
import { env } from "../env";

/** nginx-rtmp and SRS callbacks are a few hundred bytes; anything near this is not one. */
export const HOOK_BODY_LIMIT = 64 * 1024;

let allowed: { source: string; list: BlockList } | undefined;

function allowList(): BlockList {
  const source = env().LIVE_HOOK_ALLOWED_IPS ?? "";
  if (allowed?.source === source) return allowed.list;
  const list = new BlockList();
  list.addSubnet("127.0.0.0", 8, "ipv4");
  list.addAddress("::1", "ipv6");
  // lib/env.ts has checked every entry is an address or address/prefix.
  for (const entry of source
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean)) {
    const [address = "", prefix] = entry.split("/");
    const type = isIP(address) === 6 ? "ipv6" : "ipv4";
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(prefix), type);
  }
  allowed = { source, list };
  return list;
}

/** Loopback, plus LIVE_HOOK_ALLOWED_IPS. An address we could not learn ("unknown") is never allowed. */
export function hookAddressAllowed(address: string): boolean {
  const family = isIP(address);
  if (!family) return false;
  return allowList().check(address, family === 6 ? "ipv6" : "ipv4");
}

const digest = (v: string) => createHash("sha256").update(v).digest();

function secretMatches(given: string | null): boolean {
  const expected = env().LIVE_HOOK_SECRET;
  if (!expected) return true;
  return given !== null && timingSafeEqual(digest(given), digest(expected));
}

/** Logged: a misconfigured streaming server (no secret, wrong address) is otherwise silently refused. */
function refused(why: string): AppError {
  console.warn(`[live-ingest] refused hook call: ${why}`);
  return new AppError("FORBIDDEN", why);
}

const mediaType = (headers: Headers) => (headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();

/**
 * What every ingest hook checks before it reads the body: the caller is a streaming server we know (by the
 * socket's peer address, never a header the caller chose), not a browser (a page on another site can post a
 * form or text/plain cross-site without a preflight, and browsers always add Origin or Sec-Fetch-Site to such
 * posts), carries the shared secret when one is configured, and sends the one media type that server sends.
 * Then the body, at most HOOK_BODY_LIMIT bytes. Throws FORBIDDEN (403) or PAYLOAD_TOO_LARGE (413).
 */
export async function readHookBody(
  req: Request,
  expectedType: "application/x-www-form-urlencoded" | "application/json",
): Promise<string> {
  const address = clientIp(req.headers);
  if (!hookAddressAllowed(address)) throw refused(`from ${address}`);
  const site = req.headers.get("sec-fetch-site");
  if (req.headers.has("origin") || (site !== null && site !== "none"))
    throw refused("from a browser (Origin or Sec-Fetch-Site)");
  if (!secretMatches(new URL(req.url).searchParams.get("secret"))) throw refused("secret missing or wrong");
  if (mediaType(req.headers) !== expectedType)
    throw refused(`body is ${mediaType(req.headers).slice(0, 60) || "untyped"}, not ${expectedType}`);
  return readTextLimited(req, HOOK_BODY_LIMIT);
}
