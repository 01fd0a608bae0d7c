import { PEER_HEADER, peerHeaderTrusted } from "../core/request-context";
import { env } from "../env";

/**
 * The caller's address, for rate limits and allowlists: never something the client chose. The Node entry
 * (server.ts) overwrites PEER_HEADER with the socket's peer address on every request. Behind N trusted proxies
 * (TRUSTED_PROXY_HOPS=N) the proxies' X-Forwarded-For entries count too: the chain is the forwarded list plus the
 * peer, and the address N hops left of the peer is the one the outermost trusted proxy saw. A client-sent
 * X-Forwarded-For therefore never widens anything: with no trusted hops it is ignored, and with hops it can only
 * add entries left of the one that is picked. Without server.ts there is no trustworthy address: "unknown".
 */
export function clientIp(headers: Headers, hops = env().TRUSTED_PROXY_HOPS): string {
  const peer = peerHeaderTrusted() ? normalizeAddress(headers.get(PEER_HEADER) ?? "") : "";
  if (!peer) return "unknown";
  if (hops === 0) return peer;
  const forwarded = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((p) => normalizeAddress(p.trim()))
    .filter(Boolean);
  const chain = [...forwarded, peer];
  return chain[Math.max(0, chain.length - 1 - hops)]!.slice(0, 64);
}

/** "::ffff:127.0.0.1" → "127.0.0.1"; anything that is not an address → "". */
export function normalizeAddress(raw: string): string {
  const v = raw.trim().replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, "$1");
  return /^[0-9a-f.:]{2,45}$/i.test(v) ? v.toLowerCase() : "";
}
