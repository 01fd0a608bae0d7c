import "server-only";
import { getToken } from "next-auth/jwt";
import { authSecret, env } from "../env";
import type { Viewer } from "./contract";
import { decryptSessionToken } from "./session-token";
import { viewerForSession } from "./sessions";

/**
 * The signed-in person behind a request's cookies, for the routes the Node entry answers itself (no Next request
 * context there): the same Auth.js session cookie `auth()` reads (named as next-auth.ts names it: __Secure- in
 * production; chunked cookies joined by getToken), decrypted with the same secret, then checked against the live
 * session row like every request.
 */
export async function viewerFromHeaders(headers: Headers): Promise<Viewer | null> {
  const e = env();
  const token = await getToken({
    // The cookie only: a session is never taken from an Authorization header here.
    req: { headers: new Headers({ cookie: headers.get("cookie") ?? "" }) },
    secret: authSecret(e),
    secureCookie: e.NODE_ENV === "production",
    decode: async ({ token, secret, salt }) => (token ? decryptSessionToken(token, secret, salt) : null),
  }).catch(() => null);
  const sid = typeof token?.sid === "string" ? token.sid : null;
  const uid = typeof token?.uid === "string" ? token.uid : null;
  if (!sid || !uid) return null;
  return viewerForSession(sid, uid);
}
