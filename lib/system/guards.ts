import "server-only";
import { timingSafeEqual } from "node:crypto";
import { env } from "../env";

/** `Authorization: Bearer <CRON_SECRET>`, compared in constant time. No secret configured → no access. */
export function cronAuthorized(authorization: string | null): boolean {
  const secret = env().CRON_SECRET;
  if (!secret || !authorization?.startsWith("Bearer ")) return false;
  const a = Buffer.from(authorization.slice(7));
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Test-only endpoints (clock control) exist only when asked for, and never on a production server. */
export function testHooksEnabled(): boolean {
  const e = env();
  return Boolean(e.E2E_TEST_HOOKS) && !e.productionServer;
}
