/**
 * The authorization matrix's vocabulary. Every server action and route handler of the build declares, in an
 * `*.authz.ts` file beside it, which of these roles may get past authorization and how the others are refused;
 * e2e/authorization-matrix.spec.ts calls each one as each role over HTTP and checks the answer and that a
 * refused call wrote nothing.
 */
export const roles = [
  "anonymous",
  "buyer",
  "coopA",
  "coopB",
  "streamer",
  "streamer2",
  "stationS1",
  "stationS2",
  "admin",
  "suspended",
] as const;
export type Role = (typeof roles)[number];

/** The resources the matrix acts on; created fresh for each run (see e2e/authz/fixtures.ts). "A"/"S1"/streamer own them. */
export interface Fixtures {
  coopA: string;
  coopB: string;
  productA: string;
  variantA: string;
  stationS1: string;
  stationS2: string;
  buyerId: string;
  /** A pay-at-pickup order of the buyer at S1 with coop A's lines, placed. */
  orderA: string;
  /** An online order of the buyer at S1, awaiting payment. */
  unpaidOrderA: string;
  /** Coop A's locked batch for S1 (dispatchable) and a dispatched one (receivable). */
  lockedBatchA: string;
  dispatchedBatchA: string;
  campaignA: string;
  teamDealA: string;
  teamA: string;
  /** The buyer's order in team A (pay at pickup, so there is nothing to pay online). */
  teamOrderA: string;
  /** A second variant of product A, for the archive call; and variant A's SKU. */
  spareVariantA: string;
  skuA: string;
  spareEmail: string;
  /** The streamer's scheduled session with coop A's product in the bag, and one to cancel. */
  sessionOfStreamer: string;
  sessionToCancel: string;
  /** The buyer's comment (弹幕) in the streamer's live session, for delete and mute. */
  commentOfBuyer: string;
  dropOfStreamer: string;
  /** The streamer's carrying agreement with coop B, proposed (coop B's answer due). */
  agreementOfStreamer: string;
  streamerToken: string;
  streamer2Token: string;
  streamerTokenId: string;
  /** A manager membership of S1 (not S1's own manager) for the admin's remove-manager call. */
  spareMembership: string;
  /** A failed refund of orderA (which has no online payment: the admin's retry fails it again, harmlessly). */
  failedRefund: string;
  /** The buyer's pending station application (for withdraw, approve and reject). */
  applicationOfBuyer: string;
  /** Coop A's only owner (its demo member's account), and a pending invitation to coop A's team. */
  coopOwnerA: string;
  invitationA: string;
  imageName: string;
  day: string;
  /** A pending manual payout (made by a payout run over the demo's closed week), for the admin's settle call. */
  manualPayout: string;
  /** A completed (handed-over) pay-at-pickup order of coop A at S1 from the demo's past week, and its line. */
  completedOrderA: string;
  completedLineA: string;
  /** A cash refund of that line due at S1 (the station hands it back). */
  cashRefundS1: string;
}

export type Refusal = 400 | 401 | 403 | 404;

interface Case {
  /** Roles that must get past authorization (anything but 401/403/404, and never a 500). */
  allow: readonly Role[] | "everyone";
  /** How the refused roles are answered; by default anonymous and suspended 401, everyone else 404. */
  refused?: Refusal | Partial<Record<Role, Refusal>>;
  /** Changes or removes its fixture for the roles after it: run after every other allowed call. */
  destructive?: boolean;
  /** After even the destructive calls (signing out; a stream that starts background presence writes). */
  runLast?: boolean;
}

export interface ActionCase extends Case {
  /** The action's one argument, or the form fields of a form-bound (useActionState) action. */
  input: (f: Fixtures) => Record<string, unknown>;
  form?: boolean;
  /** The page the action is posted to, when the first page of its bundle has a dynamic segment. */
  page?: (f: Fixtures) => string;
}

export interface RouteCase extends Case {
  path: (f: Fixtures) => string;
  body?: (f: Fixtures) => { type: string; data: string | Buffer };
  /** Extra headers; `role` lets a bearer-token route use that role's token, if it has one. */
  headers?: (f: Fixtures, role: Role) => Record<string, string>;
  /** A stream that never ends: only the status is read. */
  stream?: boolean;
}

type Fn = (...args: never[]) => unknown;
/** One case per exported action of a "use server" module: a new action without a declaration does not compile. */
export type ActionsAuthz<M> = { [K in keyof M as M[K] extends Fn ? K : never]: ActionCase };
/** One case per exported HTTP method of a route module. */
export type RoutesAuthz<M> = { [K in keyof M & ("GET" | "POST" | "PUT" | "PATCH" | "DELETE")]: RouteCase };

/** Everyone with a live session: the suspended account's session was revoked with the suspension. */
export const signedIn = [
  "buyer",
  "coopA",
  "coopB",
  "streamer",
  "streamer2",
  "stationS1",
  "stationS2",
  "admin",
] as const satisfies readonly Role[];
