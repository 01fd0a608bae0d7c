import type { Db, Tx } from "./types";

const RETRYABLE = new Set(["40001", "40P01"]); // serialization failure, deadlock detected

function pgCode(err: unknown): string | undefined {
  const e = err as { code?: string; cause?: { code?: string } } | null;
  return e?.code ?? e?.cause?.code;
}

export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  if (pgCode(err) !== "23505") return false;
  if (!constraint) return true;
  const e = err as { constraint?: string; message?: string; cause?: { constraint?: string; message?: string } };
  const text = [e.constraint, e.cause?.constraint, e.message, e.cause?.message].join(" ");
  return text.includes(constraint);
}

/**
 * Runs a transaction, retrying (at most 3 more times, with jitter) when PostgreSQL aborts it for a
 * deadlock or a serialization failure, so such an abort never reaches a person as an error.
 */
export async function transactionWithRetry<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.transaction(work);
    } catch (err) {
      if (attempt >= 3 || !RETRYABLE.has(pgCode(err) ?? "")) throw err;
      await new Promise((r) => setTimeout(r, 10 + Math.random() * 40 * (attempt + 1)));
    }
  }
}
