/**
 * One error type for the whole app. Use cases throw AppError; transports map it once:
 * to an HTTP status (route handlers), to an action result (server actions), to a page (404).
 * The user-facing text lives in the i18n catalogs under `errors.<code>`; `message` is for logs.
 */
export const errorCodes = {
  /** Input failed validation; `fields` names the offending fields. */
  VALIDATION: 400,
  /** Not signed in, or the credential (session, API token) is missing, revoked or expired. */
  UNAUTHENTICATED: 401,
  /** Signed in but not allowed; used only where 404 would confuse (e.g. a consumer in a workspace). */
  FORBIDDEN: 403,
  /** Does not exist, or belongs to someone else: the two are indistinguishable on purpose. */
  NOT_FOUND: 404,
  /** The resource is not in a state that allows this transition. */
  INVALID_STATE: 409,
  /** Not enough stock (or drop/deal quantity) left for the request. */
  SOLD_OUT: 409,
  /** A per-buyer limit would be exceeded. */
  LIMIT_REACHED: 409,
  /** A buyer already has as many forming 拼团 teams of a deal as it allows (`params.limit`). */
  TEAM_LIMIT: 409,
  /** The sale window (drop, campaign, deal) is not open by the server clock. */
  NOT_OPEN: 409,
  /** A 拼团 team no longer takes members: full, completed, expired or failed (`params.reason`). */
  TEAM_CLOSED: 409,
  /** A station batch is still taking orders: it can be sent after its cutoff (`params.time`, `params.day`). */
  BEFORE_CUTOFF: 409,
  /** A pickup order leaves with its station batch (the pick list), not on its own. */
  DISPATCH_WITH_BATCH: 409,
  /** The order's goods have not reached the station yet (`params.day`: when they are expected). */
  NOT_ARRIVED: 409,
  /** An order's pickup code was locked after too many wrong codes; the buyer must reissue it. */
  PICKUP_LOCKED: 409,
  /** The streamer has no carrying agreement in force for that product (`params.name`): not in a bag, pin or drop. */
  NOT_CARRIED: 409,
  /** A unique thing already exists (e-mail taken, duplicate member). */
  CONFLICT: 409,
  /** Sign-in failed: unknown account or wrong password, deliberately the same. */
  INVALID_CREDENTIALS: 401,
  /** The request body is larger than allowed. */
  PAYLOAD_TOO_LARGE: 413,
  /** Too many attempts; `retryAfterSeconds` says when to come back. */
  RATE_LIMITED: 429,
  /** A payment provider failed or timed out; safe to retry. */
  PAYMENT_PROVIDER: 502,
  /** A dependency (the database) is unreachable. */
  UNAVAILABLE: 503,
  /** A bug. Never shown in detail to a user. */
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof errorCodes;

export type FieldErrors = Record<string, string[]>;

export interface AppErrorOptions {
  fields?: FieldErrors;
  /** Values for the user-facing message template, e.g. { name: "湖墩大米 10kg", left: 2 }. */
  params?: Record<string, string | number>;
  retryAfterSeconds?: number;
  cause?: unknown;
  /**
   * A more specific text than the code's own, from the same catalog (errors.<messageKey>): the code stays what
   * machines read ("SOLD_OUT"), the person reads "已抢光:湖墩大米…".
   */
  messageKey?: string;
}

export class AppError extends Error {
  override name = "AppError";
  readonly code: ErrorCode;
  readonly fields?: FieldErrors;
  readonly params?: Record<string, string | number>;
  readonly retryAfterSeconds?: number;
  readonly messageKey?: string;

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.code = code;
    this.fields = options.fields;
    this.params = options.params;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.messageKey = options.messageKey;
  }

  get status(): number {
    return errorCodes[this.code];
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/** The JSON body every API error has: a stable code and a message a person can read. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; fields?: FieldErrors; params?: AppErrorOptions["params"] };
}
