import "server-only";
import NextAuth, { CredentialsSignin, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { isAppError } from "../core/errors";
import { authSecret, env } from "../env";
import { clientIp } from "./client-ip";
import { safeCallbackPath } from "./contract";
import { parseCredentials, verifyCredentials } from "./credentials";
import { createSession, revokeSession, SESSION_MAX_AGE_SECONDS } from "./sessions";

declare module "next-auth" {
  interface User {
    sid?: string;
  }
  interface Session {
    sid?: string;
  }
}
declare module "@auth/core/jwt" {
  interface JWT {
    sid?: string;
    uid?: string;
  }
}

/** Tells the sign-in form "slow down" rather than "wrong password"; the code shows in the redirect URL. */
export class RateLimitedSignin extends CredentialsSignin {
  override code = "rate_limited";
  constructor(readonly retryAfterSeconds: number) {
    super();
  }
}

function config(): NextAuthConfig {
  const e = env();
  return {
    secret: authSecret(e),
    trustHost: e.trustHost,
    // __Secure- prefixed, Secure cookies in production; HttpOnly and SameSite=Lax always (Auth.js defaults).
    useSecureCookies: e.NODE_ENV === "production",
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/login", error: "/login" },
    providers: [
      Credentials({
        credentials: { identifier: {}, password: {} },
        async authorize(credentials, request) {
          const ip = clientIp(request.headers);
          try {
            const input = parseCredentials({ identifier: credentials.identifier, password: credentials.password });
            const user = await verifyCredentials(input, ip);
            const sid = await createSession(user.id, { ip, userAgent: request.headers.get("user-agent") ?? undefined });
            return { id: user.id, name: user.name, email: user.email, sid };
          } catch (err) {
            if (isAppError(err) && err.code === "RATE_LIMITED")
              throw new RateLimitedSignin(err.retryAfterSeconds ?? 60);
            if (isAppError(err) && err.code === "INVALID_CREDENTIALS") return null;
            throw err;
          }
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          token.uid = user.id;
          token.sid = user.sid;
        }
        return token;
      },
      session({ session, token }) {
        session.sid = token.sid;
        if (token.uid) session.user.id = token.uid;
        return session;
      },
      redirect({ url, baseUrl }) {
        if (url.startsWith(baseUrl)) return `${baseUrl}${safeCallbackPath(url.slice(baseUrl.length))}`;
        return `${baseUrl}${safeCallbackPath(url)}`;
      },
    },
    events: {
      async signOut(message) {
        if ("token" in message && message.token?.sid) await revokeSession(message.token.sid);
      },
    },
    logger: {
      // A failed sign-in is an expected outcome, not a server error: keep it out of the error log.
      error(error) {
        if (error.name === "CredentialsSignin" || error instanceof CredentialsSignin) return;
        console.error("[auth]", error);
      },
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => config());
