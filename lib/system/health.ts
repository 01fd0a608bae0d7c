import "server-only";
import { pingDb } from "../db";
import { env } from "../env";

export type Health = { ok: true; db: "pglite" | "postgres" } | { ok: false; db: "pglite" | "postgres"; reason: string };

/** The health check's answer; never throws. */
export async function checkHealth(): Promise<Health> {
  const expected = env().DATABASE_URL ? "postgres" : "pglite";
  try {
    return { ok: true, db: await pingDb() };
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    // The reason names the failure, never a connection string or password.
    return { ok: false, db: expected, reason: reason.replace(/postgres(ql)?:\/\/\S+/g, "postgres://…").slice(0, 200) };
  }
}
