import { createHash } from "node:crypto";
import { newSecret } from "../core/ids";

/**
 * A link's secret: 32 random bytes (base64url, 43 characters). The link carries it; the database keeps only its
 * sha256, so a copy of the database opens no invitation and resets no password.
 */
export function newLinkToken(): { token: string; hash: string } {
  const token = newSecret();
  return { token, hash: hashLinkToken(token) };
}

export function hashLinkToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** The link to a page of this site: `origin` is AUTH_URL's or the request's (the transport decides). */
export function absoluteLink(origin: string, path: string): string {
  return `${new URL(origin).origin}${path}`;
}
