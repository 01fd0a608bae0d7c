import { recordPoolSample } from "../core/pool-stats";
import { markDatabaseUnavailable } from "../core/request-context";

/**
 * Errors that mean "the database cannot be reached right now" (a restart, a network cut, a pool that could not
 * get a connection) rather than "this query is wrong": the request should answer 503 and be retried.
 */
const CONNECTION_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);
// 08xxx connection exceptions; 57P01–57P03 admin/crash shutdown and "cannot connect now" (starting up).
const SQLSTATE = /^(08\d{3}|57P0[123])$/;
const MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection ended unexpectedly|terminating connection due to administrator command|the database system is (starting up|shutting down)/i;

export function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== "object" || depth > 4) return false;
  const e = err as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  if (typeof e.code === "string" && (CONNECTION_CODES.has(e.code) || SQLSTATE.test(e.code))) return true;
  if (typeof e.message === "string" && MESSAGES.test(e.message)) return true;
  if (Array.isArray(e.errors) && e.errors.some((x) => isDatabaseUnavailable(x, depth + 1))) return true;
  return isDatabaseUnavailable(e.cause, depth + 1);
}

interface Queryable {
  query: (...args: never[]) => unknown;
}

/**
 * Marks the current request (and the process, for a few seconds) when a query or a connect on this pool fails for
 * want of a database, so pages and actions answer 503 + Retry-After; the error itself still reaches the caller.
 */
type PooledClient = Queryable & { on: (event: "error", fn: (err: Error) => void) => unknown };

export function watchPool(
  pool: Queryable & {
    connect: (...args: never[]) => unknown;
    on: (event: "connect", fn: (client: PooledClient) => void) => unknown;
  },
): void {
  const watch = (target: Queryable, method: "query" | "connect") => {
    const original = (target as unknown as Record<string, (...a: unknown[]) => unknown>)[method]!.bind(target);
    (target as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
      const result = original(...args);
      if (result && typeof (result as Promise<unknown>).catch === "function") {
        (result as Promise<unknown>).catch((err: unknown) => {
          if (isDatabaseUnavailable(err)) markDatabaseUnavailable();
        });
      }
      return result;
    };
  };
  watch(pool, "query");
  watch(pool as unknown as Queryable, "connect");
  pool.on("connect", (client) => {
    watch(client, "query");
    // A checked-out client whose connection dies between two statements of a transaction emits "error" with no
    // query to reject; unheard, that is an uncaught exception that takes the whole process down.
    client.on("error", (err) => {
      if (isDatabaseUnavailable(err)) markDatabaseUnavailable();
      console.warn("[db] connection lost:", err.message);
    });
  });
}

interface CountedPool {
  options: { max?: number };
  totalCount: number;
  idleCount: number;
  waitingCount: number;
  connect: (...args: never[]) => unknown;
  on: (event: "acquire", fn: () => void) => unknown;
}

/**
 * Records how many connections are in use and how many requests wait for one (lib/core/pool-stats), sampled when
 * a connection is asked for (the wait queue grows then) and when one is handed out: the high-water marks show
 * whether a storm ever exhausted the pool.
 */
export function trackPoolUse(pool: CountedPool): void {
  const sample = () => recordPoolSample(pool.options.max ?? 10, pool.totalCount - pool.idleCount, pool.waitingCount);
  const connect = pool.connect.bind(pool) as (...args: unknown[]) => unknown;
  (pool as unknown as { connect: (...args: unknown[]) => unknown }).connect = (...args: unknown[]) => {
    const result = connect(...args);
    sample();
    return result;
  };
  pool.on("acquire", sample);
}
