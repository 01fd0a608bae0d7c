import "server-only";
import { siteOrigin } from "../auth";
import { env, type Env } from "../env";

/**
 * The origin of the links this site e-mails (password reset, verification, invitations). A link built from a
 * request's Host (or X-Forwarded-Host) would let anyone who sends that header have a victim's reset link point
 * at their own server; so it is AUTH_URL, and the request's host only where the host is trusted (AUTH_TRUST_HOST,
 * on by default outside a production server — where Auth.js itself relies on it). Otherwise nothing is sent.
 */
export function mailLinkOrigin(headers: Headers, e: Env = env()): string {
  if (!e.AUTH_URL && !e.trustHost)
    throw new Error("AUTH_URL is not set and the Host header is not trusted: set AUTH_URL to e-mail links");
  return siteOrigin(headers, e.AUTH_URL);
}
