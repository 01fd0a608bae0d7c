import "server-only";
import { LRUCache } from "lru-cache";
import { AppError } from "../core/errors";

/**
 * What this process last learned about a drop that turns every buyer away — sold out, or closed — so that the
 * thousands who tap "抢" after the last unit are answered without queueing for the drop's row. A sold-out drop is
 * remembered for a second only: a cancelled order gives its units back to an open drop, and any instance may see
 * that first. A closed drop never opens again. The database stays the arbiter: this only ever refuses, and a
 * refusal it gives is one the drop's row gave a moment ago.
 */
const SOLD_OUT_MS = 1_000;
const CLOSED_MS = 10 * 60_000;

interface Known {
  refusal: "sold_out" | "closed";
  name: string;
  cap: number;
}

const g = globalThis as typeof globalThis & { __elianDropStates?: LRUCache<string, Known> };
const known = () => (g.__elianDropStates ??= new LRUCache<string, Known>({ max: 10_000, ttlAutopurge: false }));

export function rememberSoldOut(dropId: string, name: string, cap: number): void {
  known().set(dropId, { refusal: "sold_out", name, cap }, { ttl: SOLD_OUT_MS });
}

export function rememberClosed(dropId: string, name: string, cap: number): void {
  known().set(dropId, { refusal: "closed", name, cap }, { ttl: CLOSED_MS });
}

export function forgetDropState(dropId: string): void {
  known().delete(dropId);
}

/** The refusal a buyer of this drop gets right now without the database, or null (ask the drop's row). */
export function knownRefusal(dropId: string): AppError | null {
  const k = known().get(dropId);
  if (!k) return null;
  return k.refusal === "closed" ? notOpen() : dropSoldOut(k.name, 0, k.cap);
}

export const notOpen = () => new AppError("NOT_OPEN", "drop is not open");

/** 已抢光 naming the product; or, when a few are left but fewer than asked for, how many. */
export function dropSoldOut(name: string, left: number, cap: number): AppError {
  return new AppError("SOLD_OUT", "drop sold out", { params: { name, left, cap }, messageKey: "DROP_SOLD_OUT" });
}
