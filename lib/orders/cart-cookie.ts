import "server-only";
import { env } from "../env";
import { cartCookieName } from "./contract";

export function cartCookie() {
  const production = env().NODE_ENV === "production";
  return {
    name: cartCookieName(production),
    options: { httpOnly: true, secure: production, sameSite: "lax" as const, path: "/", maxAge: 60 * 24 * 3600 },
  };
}
